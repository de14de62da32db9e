// Placeholder until the store layer lands.
