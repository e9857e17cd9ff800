"""社会保障·市民卡 reader (PC/SC). Reads the card number and social-security number; no PIN."""
