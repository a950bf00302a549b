"""Where the shared, read-only datasets live: ../shared/datasets beside the repository."""

import os
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
SHARED_DATASETS = Path(
    os.environ.get("LATITUDE_DATASETS", REPOSITORY.parent / "shared" / "datasets")
)
