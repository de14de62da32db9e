#include <iostream>
int main() { std::cout << "lgbench\n"; }
