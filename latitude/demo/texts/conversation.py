"""Replies, notes and resolutions the demo's people write while a ticket is worked."""

RESOLUTIONS: dict[str, tuple[str, ...]] = {
    "email": (
        "Removed a stale credential from Windows Credential Manager and re-created the Outlook "
        "profile; sign-in prompts are gone.",
        "Re-added the mailbox permission that was lost in last week's migration; it reappears "
        "in Outlook within an hour.",
        "The recipient's domain had blocked our new sending IP; their IT whitelisted it.",
    ),
    "collaboration": (
        "Reinstalled the Teams client and reset the media settings; camera works again.",
        "Restored the site membership that was removed by the quarterly access review.",
        "Reset the OneDrive sync client; all files synced within the hour.",
    ),
    "laptops": (
        "Rolled back the faulty display driver; the laptop starts normally again.",
        "Replaced the docking station; both monitors work.",
        "Swapped the device for a loaner and sent the laptop for repair under warranty.",
    ),
    "printing": (
        "Replaced the worn duplex roller; test prints ran fine.",
        "Re-registered the badge in the print server after the card system update.",
        "Corrected the SMTP relay setting on the device; scans arrive again.",
    ),
    "mobile": (
        "Re-enrolled the phone in Intune; mail sync works again.",
        "Ordered a replacement device and transferred the eSIM.",
    ),
    "software": (
        "Repaired the Office installation and cleared the add-in cache; Excel opens the file.",
        "Assigned a named licence and signed the user in again.",
        "Installed the package manually after clearing the client cache.",
    ),
    "vpn": (
        "Updated GlobalProtect to 6.2 and switched the connection to the nearest gateway; stable "
        "since then.",
        "The home router's MTU was too high for the tunnel; lowered it to 1400.",
        "Renewed the expired machine certificate; the VPN connects again.",
    ),
    "network": (
        "Replaced the faulty access point in the room; throughput back to normal.",
        "Patched the desk port to the correct VLAN.",
        "Restarted the guest portal service and extended its certificate.",
    ),
    "fileshares": (
        "Restored the folder from last night's snapshot to its original place.",
        "Fixed the login script mapping for the department drive.",
        "Closed the stale file handle on the file server; the file can be edited again.",
    ),
    "sap": (
        "A stuck update task blocked the release; cleared it in SM13 and reprocessed the queue.",
        "Reset the SAP password and re-enabled single sign-on for the user.",
        "Corrected the posting period in OB52 for the plant; goods receipts are possible again.",
    ),
    "crm": (
        "Fixed the quote template after the last release removed a merge field.",
        "Adjusted the sharing rule for the new territory; opportunities are visible again.",
    ),
    "hr-portal": (
        "The workflow pointed to the previous manager; corrected the reporting line.",
        "Republished the payslips for the month after the interface rerun.",
    ),
    "accounts": (
        "Unlocked the account and reset the password; the user signed in successfully.",
        "Added the user to the finance read group, approved by the data owner.",
        "Created the account in Entra ID; the onboarding record had a typo in the start date.",
    ),
    "passwords": (
        "Verified identity by call-back and issued a temporary password.",
        "Re-registered the authenticator app; push notifications arrive again.",
    ),
    "security": (
        "Checked the message: credential phishing. Blocked the sender domain and removed the "
        "mail from all mailboxes.",
        "Reset the password, revoked all sessions and checked the sign-in log; no misuse found.",
        "Device wiped remotely, BitLocker confirmed, account sessions revoked.",
    ),
}

FULFILMENTS = (
    "Done: access granted, please sign out and in again to see it.",
    "Delivered and set up; the device is registered to you.",
    "Created as requested; the owners are set as you asked.",
    "Installed and licensed; you find it in the start menu.",
    "Configured as requested. Approval from your manager is on file.",
)

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

NO_RESPONSE_CLOSE = "No answer from the requester for five working days; closing."

DUPLICATE_DESCRIPTIONS = (
    "Sorry if this is a duplicate, but it is still not working for me.",
    "My colleague may have reported this already; same problem here.",
    "Same issue as everyone else on my floor.",
)

MERGE_REASONS = ("Same problem, already being worked on.", "Duplicate report of the same outage.")

LINK_NOTES = ("Probably the same root cause as {number}.", "Related to {number}, same site.")

# (service slug, subject, description, what affected people write)
MAJOR_INCIDENTS = (
    (
        "email",
        "Major incident: e-mail delivery delayed for all users",
        "Monitoring shows the outbound queue growing since {time}; internal and external mails are "
        "delayed by up to two hours.",
        (
            "Mails arrive hours late",
            "Cannot send mails, Outlook stuck on 'sending'",
            "Customer says they never got my offer",
        ),
    ),
    (
        "vpn",
        "Major incident: VPN gateway unavailable for remote users",
        "The primary VPN gateway stopped accepting new connections at {time}; remote users cannot "
        "connect.",
        (
            "VPN does not connect from home",
            "GlobalProtect: 'gateway not reachable'",
            "Cannot work remotely, VPN fails",
        ),
    ),
    (
        "sap",
        "Major incident: SAP ERP unavailable at Plant Leipzig",
        "Users at Plant Leipzig get short dumps on every transaction since {time}; production "
        "orders cannot be confirmed.",
        (
            "SAP not responding",
            "SAP: every transaction ends in a short dump",
            "Cannot confirm production orders in SAP",
        ),
    ),
    (
        "network",
        "Major incident: network outage in the Sales Vienna office",
        "The Vienna office lost its WAN link at {time}; no access to central systems.",
        (
            "No internet in the Vienna office",
            "Network down on the whole floor",
            "Cannot reach any company system from Vienna",
        ),
    ),
)

CHILD_UPDATE = (
    "Thanks for reporting. This is part of the major incident {number}; we will keep you "
    "updated here."
)
CHILD_RESOLUTION = "Resolved together with the major incident {number}."
