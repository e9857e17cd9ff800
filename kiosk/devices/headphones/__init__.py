"""The headphone jack: voice guidance starts when a resident plugs headphones in."""
