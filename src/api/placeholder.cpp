// Placeholder until the api layer lands.
