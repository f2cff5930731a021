# runmech's Voila settings (template, hidden code, culling, kernel cap, plotly's bundle served once), installed
# into the environment's etc/jupyter by `pip install runmech`; stand-alone Voila and Voila's server extension both
# read this file by themselves. The settings are defined once, in runmech.apps.servers.configure_voila.
try:
    from runmech.apps.servers import configure_voila
except ImportError:  # runmech was uninstalled but this file was left behind: plain Voila
    pass
else:
    configure_voila(c)  # noqa: F821 - `c` is the config object Voila gives this file
