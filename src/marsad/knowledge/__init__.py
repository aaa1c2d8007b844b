"""Knowledge the coder relies on: code tables, gazetteers and lexicons shipped as package data."""
