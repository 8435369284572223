"""Settings this plugin needs, with their defaults (read by portal/plugin_loader.py).

A record locks MEETINGS_LOCK_DAYS days after it was entered; amendments after that need a
reason. Attachments are kept outside MEDIA_ROOT, under MEETINGS_PRIVATE_ROOT, and only
served through the plugin's scope-checked download view.
"""

from pathlib import Path

from portal.settings.env import env_int, env_str, var_dir

MEETINGS_LOCK_DAYS = env_int("MEETINGS_LOCK_DAYS", 7)
MEETINGS_PRIVATE_ROOT = Path(env_str("MEETINGS_PRIVATE_ROOT", str(var_dir() / "private")))
