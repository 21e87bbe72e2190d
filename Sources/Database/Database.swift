// Placeholder: Database is being written.
