// Placeholder: the CLI is being written.
print("klipso")
