// Placeholder until the engine layer lands.
