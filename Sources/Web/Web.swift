// Placeholder: the web layer is being written.
import HTTPCore
