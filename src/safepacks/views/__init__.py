"""Audiences are views: functions from a resolved lesson to a Document, one module each,
registered by name in `safepacks.outputs`."""
