"""The LOIP plan as one workbook: exported for an officer to edit, imported back checked whole."""
