"""No models: the audit trail is Wagtail's own log (wagtail.models.ModelLogEntry and
PageLogEntry); the portal's former AuditEvent rows were moved there by migration 0002."""
