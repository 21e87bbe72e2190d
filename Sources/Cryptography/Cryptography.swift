// Placeholder: Cryptography is being written.
