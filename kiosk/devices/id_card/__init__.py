"""Second-generation resident ID card reader (SAM protocol of GA 467; text layout of GA/T 490)."""
