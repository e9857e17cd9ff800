"""Printed documents as data, and their renderers (ESC/POS bytes for receipts, A4 PDF for reports)."""
