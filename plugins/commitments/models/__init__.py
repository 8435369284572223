"""Models of the commitments ledger; one module per concern, re-exported here."""

from .items import CommitmentItem  # noqa: F401
from .ledger import LedgerActor, LedgerEntry, LedgerText  # noqa: F401
from .periods import Period  # noqa: F401
from .pledges import Pledge, PledgeRevision  # noqa: F401
from .progress import Evidence, ProgressRecord  # noqa: F401
from .reviews import LeaderComment  # noqa: F401
