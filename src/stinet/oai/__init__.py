"""The OAI-PMH 2.0 data provider: the union catalogue for harvesters such as NASATI's."""
