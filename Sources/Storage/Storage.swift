// Placeholder: Storage is being written.
