"""Replies, notes and resolutions the demo's people write while a ticket is worked."""

from dataclasses import dataclass

ACKNOWLEDGEMENTS = (
    "Thanks for reporting this, I'm looking into it now.",
    "Hello, I have taken over your ticket and will get back to you today.",
    "Thanks, I can reproduce the problem and am working on it.",
    "Received, we are on it. I'll update you as soon as I know more.",
    "Thank you for the details. I'm checking the logs on our side.",
)

QUESTIONS = (
    "Could you tell me your asset tag? It is on the sticker under the laptop.",
    "When exactly did this start, and did anything change on your device before?",
    "Does this happen for your colleagues as well, or only for you?",
    "Could you send a screenshot of the error message?",
    "Please restart once and tell me whether the problem is still there.",
    "Which approver should confirm this request: your line manager or the cost centre owner?",
)

REQUESTER_ANSWERS = (
    "The tag is {asset}. It started on Monday after the update.",
    "Only me, my colleagues in {site} have no problem.",
    "Restarted, still the same unfortunately.",
    "My manager {colleague} approves, she is in copy.",
    "Screenshot: it says 'The operation could not be completed'.",
    "It started yesterday afternoon; nothing changed as far as I know.",
)

REQUESTER_NUDGES = (
    "Is there any update on this? It is blocking my work.",
    "Any news? I have a deadline on Friday.",
    "Just checking whether you need anything else from me.",
)

INTERNAL_NOTES = (
    "Checked the event log: errors start right after last night's patch run.",
    "Same symptom on two other tickets this week; keep an eye on it.",
    "User is in the pilot group for the new client build.",
    "Remote session done, collected logs; uploading to the vendor portal.",
    "Approval from the cost centre owner received by mail.",
    "Works with a fresh profile, so it's local to the user's profile.",
)

VENDOR_NOTES = (
    "Opened vendor case {ref}; waiting for their second-level support.",
    "Replacement part ordered from the supplier, delivery expected in 3 days.",
    "Waiting for the ERP partner to check the transport ({ref}).",
    "Escalated to the carrier, case {ref}.",
)

VENDOR_BACK = (
    "Vendor answered with a workaround, testing it now.",
    "Part arrived, scheduling the repair with the user.",
    "Partner provided a fix, imported in test; looks good.",
)

TRIAGE_REASONS = (
    "Needs the specialists; first-level checks done (restart, cache, credentials).",
    "Not solvable at the desk, needs admin rights on the backend.",
    "Classified and routed to the owning team.",
)

HANDOFF_REASONS = (
    "Not a network issue; the application server rejects the session.",
    "Root cause is the user's account, not the device.",
    "Belongs to the team that owns the interface.",
)

PRIORITY_UP = ("More users affected than first reported.", "Blocks month-end closing.")
PRIORITY_DOWN = ("Workaround in place; user can continue working.", "Only one user affected.")

THANKS = (
    "Works again, thank you very much!",
    "Perfect, thanks for the quick help.",
    "Confirmed, all good now.",
)

REOPEN_REASONS = (
    "The problem is back since this morning.",
    "Unfortunately it only worked for one day.",
    "Still not working for me, see my last screenshot.",
)

NO_RESPONSE_CLOSE = "No answer from the requester for five days; closing as resolved."

DUPLICATE_DESCRIPTIONS = (
    "Sorry if this is a duplicate, but it is still not working for me.",
    "My colleague may have reported this already; same problem here.",
    "Same issue as everyone else on my floor.",
)

MERGE_REASONS = ("Same problem, already being worked on.", "Duplicate report of the same outage.")

LINK_NOTES = ("Probably the same root cause as {number}.", "Related to {number}, same site.")


@dataclass(frozen=True)
class MajorIncident:
    service: str
    subject: str
    description: str  # {time} is when it started
    resolution: str
    reports: tuple[str, ...]  # what affected people write


MAJOR_INCIDENTS = (
    MajorIncident(
        "email",
        "Major incident: e-mail delivery delayed for all users",
        "Monitoring shows the outbound queue growing since {time}; internal and external "
        "mails are delayed by up to two hours.",
        "A faulty transport rule from this morning's change looped mails through the "
        "gateway; rolled it back and the queue drained within 40 minutes.",
        (
            "Mails arrive hours late",
            "Cannot send mails, Outlook stuck on 'sending'",
            "Customer says they never got my offer",
        ),
    ),
    MajorIncident(
        "vpn",
        "Major incident: VPN gateway unavailable for remote users",
        "The primary VPN gateway stopped accepting new connections at {time}; remote users "
        "cannot connect.",
        "The gateway's session table was full after a firmware bug; failed over to the "
        "secondary gateway and applied the vendor hotfix.",
        (
            "VPN does not connect from home",
            "GlobalProtect: 'gateway not reachable'",
            "Cannot work remotely, VPN fails",
        ),
    ),
    MajorIncident(
        "sap",
        "Major incident: SAP ERP unavailable at Plant Leipzig",
        "Users at Plant Leipzig get short dumps on every transaction since {time}; "
        "production orders cannot be confirmed.",
        "A full log volume on the application server stopped the work processes; extended "
        "the volume, restarted the instance and reprocessed the confirmations.",
        (
            "SAP not responding",
            "SAP: every transaction ends in a short dump",
            "Cannot confirm production orders in SAP",
        ),
    ),
    MajorIncident(
        "network",
        "Major incident: network outage in the Sales Vienna office",
        "The Vienna office lost its WAN link at {time}; no access to central systems.",
        "The carrier replaced a faulty line card at their exchange; the WAN link is stable "
        "again and the backup LTE link was switched back to standby.",
        (
            "No internet in the Vienna office",
            "Network down on the whole floor",
            "Cannot reach any company system from Vienna",
        ),
    ),
)

MAJOR_NOTES = (
    "Bridge call opened; service owner and vendor are on it.",
    "Status page updated; next update in 30 minutes.",
    "Workaround communicated to the site leads.",
)

CHILD_UPDATE = (
    "Thanks for reporting. This is part of the major incident {number}; we will keep you "
    "updated here."
)
CHILD_RESOLUTION = "Resolved together with the major incident {number}."
