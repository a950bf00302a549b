"""Incidents people report, by service slug."""

from latitude.demo.texts import Story

INCIDENTS: dict[str, tuple[Story, ...]] = {
    "email": (
        (
            "Outlook keeps asking for my password",
            "Since this morning Outlook shows the sign-in window every few minutes. I enter "
            "my password and it comes back.",
            "Removed a stale credential from Windows Credential Manager and re-created the "
            "Outlook profile; the prompts are gone.",
        ),
        (
            "Shared mailbox 'purchasing' no longer visible",
            "The purchasing mailbox disappeared from my Outlook folder list. Colleagues still"
            " see it.",
            "The mailbox permission was lost in last week's migration; re-added it, the "
            "mailbox is back in Outlook.",
        ),
        (
            "Mails to a customer bounce with 550 5.7.1",
            "Every mail to our customer's domain comes back with 'delivery not authorised'. "
            "This worked last week.",
            "Their mail gateway had blocked our new sending IP; their IT whitelisted it and "
            "mails go through again.",
        ),
        (
            "Calendar invitations arrive without the Teams link",
            "Invitations I send from Outlook have no Teams meeting link any more, even when I"
            " click 'Teams meeting'.",
            "The Teams meeting add-in was disabled after an Office update; re-enabled it via "
            "policy.",
        ),
        (
            "Outlook search finds nothing older than March",
            "Searching my mailbox returns only recent mails. I need older order confirmations.",
            "Rebuilt the Outlook search index; older mails are found again.",
        ),
        (
            "Mailbox almost full warning",
            "I get a warning that my mailbox is at 98 %. I cannot send any more mails.",
            "Enabled the online archive and moved mails older than two years there; mailbox "
            "at 61 %.",
        ),
    ),
    "collaboration": (
        (
            "Teams camera not detected in meetings",
            "In Teams meetings my camera shows 'no camera found'. The Windows camera app works.",
            "Reinstalled the Teams client and reset the media settings; the camera works again.",
        ),
        (
            "Cannot open files on the Quality SharePoint site",
            "Clicking a document on the Quality site gives 'access denied' although I was a "
            "member until last week.",
            "Restored the site membership that the quarterly access review had removed.",
        ),
        (
            "OneDrive sync stuck on 'processing changes'",
            "OneDrive has been syncing for two days and never finishes. Some files show a red"
            " cross.",
            "Reset the OneDrive sync client; all files synced within the hour.",
        ),
        (
            "Teams messages arrive with a long delay",
            "Chat messages reach me 10-15 minutes late. Colleagues in {site} see the same.",
            "Microsoft service incident TM123456 affected message delivery; resolved by Microsoft.",
        ),
    ),
    "laptops": (
        (
            "Laptop does not start after Windows update",
            "My laptop {asset} shows the logo and then a black screen after last night's update.",
            "Rolled back the faulty display driver from safe mode; the laptop starts normally"
            " again.",
        ),
        (
            "Docking station: external monitors stay black",
            "At my desk in room {room} neither monitor gets a signal through the dock. The "
            "laptop screen works.",
            "Replaced the docking station; both monitors work.",
        ),
        (
            "Laptop battery drains within an hour",
            "The battery of {asset} is empty after about an hour even with nothing open.",
            "Battery health was at 41 %; replaced the battery under warranty.",
        ),
        (
            "Keyboard keys stuck after coffee spill",
            "I spilled coffee on my keyboard; several keys no longer work. Sorry!",
            "Replaced the keyboard; the laptop itself was not damaged.",
        ),
        (
            "BitLocker asks for recovery key on every start",
            "Since the BIOS update my laptop asks for the BitLocker recovery key every time I"
            " start it.",
            "Suspended and re-enabled BitLocker after the BIOS update so the TPM measurements"
            " match again.",
        ),
        (
            "Laptop extremely slow since Monday",
            "Opening Excel takes minutes and the fan is always on. Task manager shows 100 % disk.",
            "The search indexer was stuck in a loop; repaired the Windows image and replaced "
            "the failing SSD.",
        ),
    ),
    "printing": (
        (
            "Printer on 2nd floor jams on every duplex job",
            "The multifunction device next to room {room} jams whenever I print double-sided.",
            "Replaced the worn duplex roller; test prints ran fine.",
        ),
        (
            "Follow-me printing: badge not recognised",
            "When I hold my badge to the printer it says 'unknown card'. It worked yesterday.",
            "Re-registered the badge in the print server after the card system update.",
        ),
        (
            "Scan to e-mail does not arrive",
            "Scans from the printer in {site} never reach my inbox, nothing in spam either.",
            "Corrected the SMTP relay setting on the device; scans arrive again.",
        ),
        (
            "Printouts are missing the last page",
            "Every PDF I print from Adobe Reader is missing its last page.",
            "Updated the printer driver on the laptop; the last page prints again.",
        ),
    ),
    "mobile": (
        (
            "Company phone does not receive mails any more",
            "The Outlook app on my iPhone says 'your organisation's data cannot be pasted "
            "here' and no new mails arrive.",
            "The phone had dropped out of Intune compliance; re-enrolled it and mail sync "
            "works again.",
        ),
        (
            "Phone screen broken",
            "I dropped my company phone; the screen is cracked and the touch no longer "
            "responds in the lower half.",
            "Ordered a replacement phone and moved the eSIM and authenticator over.",
        ),
        (
            "Authenticator app lost after phone reset",
            "I had to reset my phone and now the authenticator app is empty.",
            "Verified identity by call-back and registered the authenticator on the reset phone.",
        ),
    ),
    "software": (
        (
            "Excel crashes when opening the budget file",
            "Excel closes without a message when I open the budget workbook from the finance "
            "drive.",
            "Repaired the Office installation and cleared the add-in cache; Excel opens the "
            "file again.",
        ),
        (
            "Adobe Acrobat says the licence has expired",
            "Acrobat Pro asks me to sign in and then tells me my trial expired.",
            "Assigned a named Acrobat Pro licence and signed the user in again.",
        ),
        (
            "Company portal installation fails with 0x87D1041C",
            "Installing Notepad++ from the company portal fails with error 0x87D1041C.",
            "Cleared the client cache and reinstalled the package; the installation succeeds.",
        ),
        (
            "Visio opens in read-only mode",
            "Visio opens all drawings read-only since the last update.",
            "The drawings were blocked by 'Mark of the Web'; unblocked the folder and added "
            "the share to trusted locations.",
        ),
    ),
    "vpn": (
        (
            "VPN drops every 10 minutes",
            "Working from home, the VPN disconnects roughly every ten minutes and I lose my "
            "SAP session.",
            "Updated GlobalProtect to 6.2 and pinned the nearest gateway; stable since then.",
        ),
        (
            "GlobalProtect: 'gateway not reachable'",
            "The VPN client cannot reach the gateway since this morning. Internet works fine.",
            "The gateway certificate had expired overnight; renewed it, clients connect again.",
        ),
        (
            "VPN connected but no access to file shares",
            "The VPN says connected, but the department drive and the intranet do not open.",
            "Split tunnel routes were missing after the client update; pushed the corrected "
            "configuration.",
        ),
        (
            "Remote desktop gateway refuses login",
            "Connecting to my office PC through the RD gateway fails with 'your credentials "
            "did not work'.",
            "The user's RD gateway group membership was missing; added it.",
        ),
    ),
    "network": (
        (
            "Wi-Fi in meeting room {room} very slow",
            "Video calls in meeting room {room} keep freezing; speed test shows under 1 Mbit/s.",
            "Replaced the faulty access point in the room; throughput back to normal.",
        ),
        (
            "No network at my desk",
            "The network port at my desk in room {room} gives no connection; another cable "
            "did not help.",
            "Patched the desk port to the correct VLAN.",
        ),
        (
            "Guest Wi-Fi voucher page does not load",
            "Visitors in {site} cannot open the guest Wi-Fi page to enter their voucher.",
            "Restarted the guest portal service and renewed its certificate.",
        ),
        (
            "Production terminals lose connection on hall 3",
            "The terminals in hall 3 drop off the network several times per shift.",
            "Replaced a failing switch module in hall 3; no drops since.",
        ),
    ),
    "fileshares": (
        (
            "Folder deleted by mistake on the project drive",
            "I accidentally deleted the folder 'Offers 2026' on the sales drive this morning."
            " Can it be restored?",
            "Restored the folder from last night's snapshot to its original place.",
        ),
        (
            "Department drive S: is not mapped",
            "The S: drive is missing after login. Mapping it manually fails with 'network "
            "path not found'.",
            "Fixed the login script mapping for the department drive.",
        ),
        (
            "Excel file locked by a colleague who is on holiday",
            "The planning file says it is locked for editing by {colleague}, who is on holiday.",
            "Closed the stale file handle on the file server; the file can be edited again.",
        ),
    ),
    "sap": (
        (
            "SAP: purchase order release hangs",
            "Releasing purchase orders in ME29N hangs for minutes and then times out.",
            "A stuck update task blocked the release; cleared it in SM13 and reprocessed the "
            "queue.",
        ),
        (
            "SAP GUI login: 'password logon no longer possible'",
            "I cannot log on to SAP; it says password logon is no longer possible.",
            "Reset the SAP password and re-enabled single sign-on for the user.",
        ),
        (
            "Cost centre report shows wrong totals",
            "Report S_ALR_87013611 shows totals that do not match the line items for my cost "
            "centre.",
            "Two postings were booked to the wrong period; finance corrected them and the "
            "report matches.",
        ),
        (
            "Cannot post goods receipt for order 4500",
            "MIGO refuses goods receipts for our supplier with 'period not open'.",
            "Opened the posting period in OB52 for the plant; goods receipts are possible again.",
        ),
        (
            "SAP printout of delivery notes missing",
            "Delivery notes from {site} are not printed any more; the spool shows them as waiting.",
            "The output device for the plant had changed; corrected it and reprinted the "
            "delivery notes.",
        ),
    ),
    "crm": (
        (
            "Salesforce: quote PDF generation fails",
            "Generating a quote PDF shows 'an internal server error has occurred'.",
            "Fixed the quote template after the last release removed a merge field.",
        ),
        (
            "Opportunities missing after territory change",
            "Since the territory realignment I no longer see my open opportunities.",
            "Adjusted the sharing rule for the new territory; opportunities are visible again.",
        ),
        (
            "Outlook integration does not log e-mails",
            "E-mails I log from Outlook to Salesforce do not appear on the account.",
            "Re-authorised the Outlook integration for the user's mailbox.",
        ),
    ),
    "hr-portal": (
        (
            "HR portal: leave request stuck in 'submitted'",
            "My leave request from last week is still 'submitted'; my manager says she never "
            "got it.",
            "The workflow pointed to the previous manager; corrected the reporting line and "
            "resent the request.",
        ),
        (
            "Payslip for last month not visible",
            "The HR portal does not show last month's payslip; older ones are there.",
            "Republished the payslips for the month after the interface rerun.",
        ),
        (
            "Time recording shows wrong overtime",
            "The time recording page shows minus 12 hours overtime, which is not right.",
            "A missing clock-in on the 3rd caused it; HR corrected the booking and the "
            "balance is right.",
        ),
    ),
    "accounts": (
        (
            "Account locked after holiday",
            "I was on holiday for three weeks and my account is now locked.",
            "Unlocked the account and reset the password; the user signed in successfully.",
        ),
        (
            "Lost access to the finance folder after team change",
            "Since I moved to controlling I cannot open the finance folder any more, but I "
            "still need it.",
            "Added the user to the finance read group, approved by the data owner.",
        ),
        (
            "New colleague cannot sign in on first day",
            "Our new colleague {colleague} started today and cannot sign in; the account "
            "seems not to exist.",
            "The HR record had a typo in the start date; corrected it and created the account.",
        ),
    ),
    "passwords": (
        (
            "Forgot my password",
            "I forgot my password after the holidays and the self-service reset does not "
            "accept my phone number.",
            "Verified identity by call-back and issued a temporary password.",
        ),
        (
            "MFA prompt never arrives on my phone",
            "The authenticator push notification never arrives, so I cannot sign in.",
            "Re-registered the authenticator app; push notifications arrive again.",
        ),
        (
            "Password expired while travelling",
            "My password expired while I am at a customer site in {site} and I cannot change "
            "it over VPN.",
            "Reset the password over the phone after identity check; the user changed it at "
            "the next sign-in.",
        ),
    ),
    "security": (
        (
            "Suspicious e-mail asking to confirm my mailbox",
            "I received an e-mail claiming my mailbox will be closed unless I confirm my "
            "password. I did not click anything.",
            "Confirmed credential phishing; blocked the sender domain and removed the mail "
            "from all mailboxes.",
        ),
        (
            "I clicked a link in a phishing mail",
            "I clicked a link in a mail that looked like a DHL notification and entered my "
            "e-mail address. Then I noticed the domain was wrong.",
            "Reset the password, revoked all sessions and checked the sign-in log; no misuse "
            "found.",
        ),
        (
            "Antivirus reports a threat in Downloads",
            "Defender reports 'Trojan:Win32/Wacatac' in a file in my Downloads folder.",
            "Defender quarantined the file; a full scan found nothing else. The file came "
            "from a fake invoice mail.",
        ),
        (
            "Company laptop stolen from car",
            "My laptop {asset} was stolen from my car in {site} last night. Police report is "
            "filed.",
            "Wiped the laptop remotely, confirmed BitLocker, revoked sessions; a replacement "
            "is ready for pickup.",
        ),
    ),
}
