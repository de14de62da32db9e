// Placeholder until the synth generator lands.
