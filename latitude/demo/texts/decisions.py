"""What the demo's people write when they approve, decline, revoke or grant goodwill."""

APPROVAL_NOTES = ("Within the hardware budget.", "OK, cost centre as usual.", "Approved.", "")
APPROVAL_DECLINES = (
    "The replacement cycle is four years; this laptop is two years old. Please use a pool "
    "device meanwhile.",
    "Not in this quarter's budget; please ask again in July.",
    "We have spare licences of the standard edition; please use that one.",
)
QUOTES = (
    ("1480.00", "EUR"),
    ("1890.00", "EUR"),
    ("249.00", "EUR"),
    ("890.00", "EUR"),
)
REJECTED_RESOLUTION = "Not approved: {reason}"
REVOKE_APPROVAL = "The cost centre was closed after the reorganisation; a new approval is needed."
P1_DECLINE = "Only one site is affected and there is a workaround; P2 is right."
P1_WANTED = "Looks like every user in the building is affected."
FALSE_ALARM = "False alarm: only one user affected after all."
GOODWILL_REASONS = (
    "Three days without e-mail during the customer visit.",
    "Laptop delivered a week late; the colleague worked from a pool device.",
    "Repeated VPN drop-outs during the trade fair.",
)
GOODWILL_DECLINE = "The SLA credit in the contract already covers this outage."
GOODWILL_REVOKE = "Paid twice: the credit was already booked on the previous ticket."
UNMERGE_REASON = "Different printer after all: this one is on the third floor."
AWAY_NOTE = "Annual leave"
DELEGATION = "Approves laptops and phones while the Workplace lead is on leave."
