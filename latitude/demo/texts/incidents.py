"""Incidents people report, by service slug."""

from latitude.demo.texts import Text

INCIDENTS: dict[str, tuple[Text, ...]] = {
    "email": (
        (
            "Outlook keeps asking for my password",
            "Since this morning Outlook shows the sign-in "
            "window every few minutes. I enter my password and it comes back.",
        ),
        (
            "Shared mailbox 'purchasing' no longer visible",
            "The purchasing mailbox disappeared from "
            "my Outlook folder list. Colleagues still see it.",
        ),
        (
            "Mails to a customer bounce with 550 5.7.1",
            "Every mail to our customer's domain comes "
            "back with 'delivery not authorised'. This worked last week.",
        ),
        (
            "Calendar invitations arrive without the Teams link",
            "Invitations I send from Outlook "
            "have no Teams meeting link any more, even when I click 'Teams meeting'.",
        ),
        (
            "Outlook search finds nothing older than March",
            "Searching my mailbox returns only recent mails. I need older order confirmations.",
        ),
        (
            "Mailbox almost full warning",
            "I get a warning that my mailbox is at 98 %. I cannot send any more mails.",
        ),
    ),
    "collaboration": (
        (
            "Teams camera not detected in meetings",
            "In Teams meetings my camera shows 'no camera found'. The Windows camera app works.",
        ),
        (
            "Cannot open files on the Quality SharePoint site",
            "Clicking a document on the Quality "
            "site gives 'access denied' although I was a member until last week.",
        ),
        (
            "OneDrive sync stuck on 'processing changes'",
            "OneDrive has been syncing for two days "
            "and never finishes. Some files show a red cross.",
        ),
        (
            "Teams messages arrive with a long delay",
            "Chat messages reach me 10-15 minutes late. Colleagues in {site} see the same.",
        ),
    ),
    "laptops": (
        (
            "Laptop does not start after Windows update",
            "My laptop {asset} shows the logo and then a black screen after last night's update.",
        ),
        (
            "Docking station: external monitors stay black",
            "At my desk in room {room} neither "
            "monitor gets a signal through the dock. The laptop screen works.",
        ),
        (
            "Laptop battery drains within an hour",
            "The battery of {asset} is empty after about an hour even with nothing open.",
        ),
        (
            "Keyboard keys stuck after coffee spill",
            "I spilled coffee on my keyboard; several keys no longer work. Sorry!",
        ),
        (
            "BitLocker asks for recovery key on every start",
            "Since the BIOS update my laptop asks "
            "for the BitLocker recovery key every time I start it.",
        ),
        (
            "Laptop extremely slow since Monday",
            "Opening Excel takes minutes and the fan is always on. Task manager shows 100 % disk.",
        ),
    ),
    "printing": (
        (
            "Printer on 2nd floor jams on every duplex job",
            "The multifunction device next to room {room} jams whenever I print double-sided.",
        ),
        (
            "Follow-me printing: badge not recognised",
            "When I hold my badge to the printer it says 'unknown card'. It worked yesterday.",
        ),
        (
            "Scan to e-mail does not arrive",
            "Scans from the printer in {site} never reach my inbox, nothing in spam either.",
        ),
        (
            "Printouts are missing the last page",
            "Every PDF I print from Adobe Reader is missing its last page.",
        ),
    ),
    "mobile": (
        (
            "Company phone does not receive mails any more",
            "The Outlook app on my iPhone says "
            "'your organisation's data cannot be pasted here' and no new mails arrive.",
        ),
        (
            "Phone screen broken",
            "I dropped my company phone; the screen is cracked and the touch "
            "no longer responds in the lower half.",
        ),
        (
            "Authenticator app lost after phone reset",
            "I had to reset my phone and now the authenticator app is empty.",
        ),
    ),
    "software": (
        (
            "Excel crashes when opening the budget file",
            "Excel closes without a message when I "
            "open the budget workbook from the finance drive.",
        ),
        (
            "Adobe Acrobat says the licence has expired",
            "Acrobat Pro asks me to sign in and then tells me my trial expired.",
        ),
        (
            "Company portal installation fails with 0x87D1041C",
            "Installing Notepad++ from the company portal fails with error 0x87D1041C.",
        ),
        (
            "Visio opens in read-only mode",
            "Visio opens all drawings read-only since the last update.",
        ),
    ),
    "vpn": (
        (
            "VPN drops every 10 minutes",
            "Working from home, the VPN disconnects roughly every "
            "ten minutes and I lose my SAP session.",
        ),
        (
            "GlobalProtect: 'gateway not reachable'",
            "The VPN client cannot reach the gateway since this morning. Internet works fine.",
        ),
        (
            "VPN connected but no access to file shares",
            "The VPN says connected, but the department drive and the intranet do not open.",
        ),
        (
            "Remote desktop gateway refuses login",
            "Connecting to my office PC through the RD "
            "gateway fails with 'your credentials did not work'.",
        ),
    ),
    "network": (
        (
            "Wi-Fi in meeting room {room} very slow",
            "Video calls in meeting room {room} keep freezing; speed test shows under 1 Mbit/s.",
        ),
        (
            "No network at my desk",
            "The network port at my desk in room {room} gives no "
            "connection; another cable did not help.",
        ),
        (
            "Guest Wi-Fi voucher page does not load",
            "Visitors in {site} cannot open the guest Wi-Fi page to enter their voucher.",
        ),
        (
            "Production terminals lose connection on hall 3",
            "The terminals in hall 3 drop off the network several times per shift.",
        ),
    ),
    "fileshares": (
        (
            "Folder deleted by mistake on the project drive",
            "I accidentally deleted the folder "
            "'Offers 2026' on the sales drive this morning. Can it be restored?",
        ),
        (
            "Department drive S: is not mapped",
            "The S: drive is missing after login. Mapping it "
            "manually fails with 'network path not found'.",
        ),
        (
            "Excel file locked by a colleague who is on holiday",
            "The planning file says it is locked for editing by {colleague}, who is on holiday.",
        ),
    ),
    "sap": (
        (
            "SAP: purchase order release hangs",
            "Releasing purchase orders in ME29N hangs for minutes and then times out.",
        ),
        (
            "SAP GUI login: 'password logon no longer possible'",
            "I cannot log on to SAP; it says password logon is no longer possible.",
        ),
        (
            "Cost centre report shows wrong totals",
            "Report S_ALR_87013611 shows totals that do "
            "not match the line items for my cost centre.",
        ),
        (
            "Cannot post goods receipt for order 4500",
            "MIGO refuses goods receipts for our supplier with 'period not open'.",
        ),
        (
            "SAP printout of delivery notes missing",
            "Delivery notes from {site} are not printed any more; the spool shows them as waiting.",
        ),
    ),
    "crm": (
        (
            "Salesforce: quote PDF generation fails",
            "Generating a quote PDF shows 'an internal server error has occurred'.",
        ),
        (
            "Opportunities missing after territory change",
            "Since the territory realignment I no longer see my open opportunities.",
        ),
        (
            "Outlook integration does not log e-mails",
            "E-mails I log from Outlook to Salesforce do not appear on the account.",
        ),
    ),
    "hr-portal": (
        (
            "HR portal: leave request stuck in 'submitted'",
            "My leave request from last week is "
            "still 'submitted'; my manager says she never got it.",
        ),
        (
            "Payslip for last month not visible",
            "The HR portal does not show last month's payslip; older ones are there.",
        ),
        (
            "Time recording shows wrong overtime",
            "The time recording page shows minus 12 hours overtime, which is not right.",
        ),
    ),
    "accounts": (
        (
            "Account locked after holiday",
            "I was on holiday for three weeks and my account is now locked.",
        ),
        (
            "Lost access to the finance folder after team change",
            "Since I moved to controlling I "
            "cannot open the finance folder any more, but I still need it.",
        ),
        (
            "New colleague cannot sign in on first day",
            "Our new colleague {colleague} started "
            "today and cannot sign in; the account seems not to exist.",
        ),
    ),
    "passwords": (
        (
            "Forgot my password",
            "I forgot my password after the holidays and the self-service "
            "reset does not accept my phone number.",
        ),
        (
            "MFA prompt never arrives on my phone",
            "The authenticator push notification never arrives, so I cannot sign in.",
        ),
        (
            "Password expired while travelling",
            "My password expired while I am at a customer "
            "site in {site} and I cannot change it over VPN.",
        ),
    ),
    "security": (
        (
            "Suspicious e-mail asking to confirm my mailbox",
            "I received an e-mail claiming my "
            "mailbox will be closed unless I confirm my password. I did not click anything.",
        ),
        (
            "I clicked a link in a phishing mail",
            "I clicked a link in a mail that looked like a "
            "DHL notification and entered my e-mail address. Then I noticed the domain was wrong.",
        ),
        (
            "Antivirus reports a threat in Downloads",
            "Defender reports 'Trojan:Win32/Wacatac' in a file in my Downloads folder.",
        ),
        (
            "Company laptop stolen from car",
            "My laptop {asset} was stolen from my car in {site} "
            "last night. Police report is filed.",
        ),
    ),
}
