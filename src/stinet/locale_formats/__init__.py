"""The site's own date formats per interface language (settings.FORMAT_MODULE_PATH), beside Django's.

Dates typed into a form are read day first, as Vietnam writes them (03/02/2026 is 3 February), in
both languages: Django's English reads them month first. The ISO form (2026-02-03), what a browser's
date picker sends, is read first.
"""

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M",
                          "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%d"]
