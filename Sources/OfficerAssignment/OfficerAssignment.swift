// Placeholder: OfficerAssignment is being written.
