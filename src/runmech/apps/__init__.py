"""The programs on top of everything: the ``runmech`` command and the servers it starts.

- :mod:`~runmech.apps.cli` — the ``runmech`` command and its sub-commands;
- :mod:`~runmech.apps.lab` — ``runmech lab`` (JupyterLab at the start notebook);
- :mod:`~runmech.apps.clinic` — ``runmech clinic`` (Voilà dashboards);
- :mod:`~runmech.apps.servers` — the settings both servers share (template, plotly bundle, culling);
- :mod:`~runmech.apps.dose` — ``runmech dose`` and ``runmech handout``.
"""
