"""A tiny LOIP folder for the update forms, small enough to check every cell by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

OUTCOMES = """outcomes:
  - id: safer
    title: Safer communities
    priorities: [Reducing crime]
  - id: healthier
    title: Healthier lives
    priorities: [Falls]
"""
# A1.1 was complete at its last update, and A3 starts after 2025/26 Q2 ends: neither is due an
# update at 2025/26 Q2. A2's title looks like a formula to a spreadsheet.
ACTIONS = """action_id,parent_id,outcome,title,target,measuring_success,start,due,lead,partners
A1,,safer,Community safety hub,Hub open,Opening hours,2023-04-01,2026-09-30,Safety manager,Police
A1.1,A1,safer,Lease premises,Lease signed,Signed,2023-04-01,2023-12-31,Estates,
A2,,healthier,=Falls classes,Two a week,Classes held,2023-04-01,2026-03-31,AHP lead,Leisure trust
A3,,healthier,New clinic,Open,Clinics,2026-01-01,2027-03-31,AHP lead,
A4,,safer,Youth diversion,100 young people,Referrals,,2026-03-31,Safety manager,
"""
UPDATES = """action_id,reporting_period,status,percent_complete,commentary,updated_by
A1,2024/25 Q2,on track,50,Premises found,Safety manager
A1,2024/25 Q4,on track,70,Staffing agreed,Safety manager
A1.1,2023/24 Q4,complete,100,Signed,Estates
A2,2024/25 Q2,at risk,40,'@risk: instructor leaving,AHP lead
"""


@pytest.fixture
def tiny_loip(tmp_path) -> Path:
    """The tiny LOIP in a writable folder."""
    folder = tmp_path / "loip"
    folder.mkdir()
    (folder / "outcomes.yaml").write_text(OUTCOMES, encoding="utf-8")
    (folder / "actions.csv").write_text(ACTIONS, encoding="utf-8")
    (folder / "action_updates.csv").write_text(UPDATES, encoding="utf-8")
    return folder
