"""Service requests people raise, by service slug (the security service takes no requests)."""

from latitude.demo.texts import Story

REQUESTS: dict[str, tuple[Story, ...]] = {
    "email": (
        (
            "Request: shared mailbox for the new project team",
            "Please create a shared mailbox 'project-aurora' with send-as rights for the five"
            " people in the project team.",
            "Created the shared mailbox project-aurora with send-as rights for the five members.",
        ),
        (
            "Request: out-of-office for a colleague on sick leave",
            "{colleague} is on sick leave for two weeks; please set an out-of-office reply "
            "and forward mails to me.",
            "Set the out-of-office reply and a forward to you until the end of next week.",
        ),
        (
            "Request: distribution list for {site} shift leads",
            "We need a distribution list for the shift leads in {site} (about 12 people).",
            "Created the distribution list; you are its owner and can add members yourself.",
        ),
    ),
    "collaboration": (
        (
            "Request: new Teams team for the supplier audit",
            "Please create a private team 'Supplier audit 2026' with me as owner.",
            "Created the private team 'Supplier audit 2026' with you as owner.",
        ),
        (
            "Request: guest access to SharePoint for an external auditor",
            "An auditor from our accounting firm needs read access to the Audit site until "
            "the end of the month.",
            "Invited the auditor as a guest with read access to the Audit site until the end "
            "of the month.",
        ),
    ),
    "laptops": (
        (
            "Request: laptop for new starter {colleague}",
            "{colleague} starts on the 1st in Controlling and needs a standard laptop with "
            "docking station.",
            "Laptop and docking station are prepared; they are at the IT counter on the first day.",
        ),
        (
            "Request: second monitor for my desk",
            'Could I get a second 27" monitor for my desk in room {room}?',
            "Monitor delivered and connected at your desk.",
        ),
        (
            "Request: replacement charger",
            "My laptop charger broke; I need a USB-C 65 W charger.",
            "Charger sent by internal mail.",
        ),
        (
            "Request: headset for video calls",
            "Please send me a USB headset; I have many customer calls.",
            "Headset delivered to your desk.",
        ),
    ),
    "printing": (
        (
            "Request: add the {site} plotter to my laptop",
            "I need the large-format plotter in {site} for construction drawings.",
            "Added the plotter to your laptop; the driver installs at the next sign-in.",
        ),
        (
            "Request: badge registration for follow-me printing",
            "I got a new badge; please register it for follow-me printing.",
            "Registered the new badge for follow-me printing.",
        ),
    ),
    "mobile": (
        (
            "Request: company smartphone",
            "I now work in field sales and need a company smartphone with mobile data.",
            "Smartphone enrolled and handed over; mobile data is active.",
        ),
        (
            "Request: data roaming for trip to the UK",
            "I travel to our customer in Birmingham next week; please enable data roaming for"
            " my phone.",
            "Data roaming is enabled for the UK until the end of your trip.",
        ),
    ),
    "software": (
        (
            "Request: Microsoft Visio licence",
            "I need Visio to draw process diagrams for the ISO certification.",
            "Assigned a Visio Plan 2 licence; Visio is in the company portal for you.",
        ),
        (
            "Request: install Power BI Desktop",
            "Please install Power BI Desktop; I build the monthly sales dashboards.",
            "Installed Power BI Desktop through the company portal.",
        ),
        (
            "Request: Adobe Acrobat Pro instead of Reader",
            "I need to edit and sign PDFs for supplier contracts.",
            "Assigned an Acrobat Pro licence and installed it; Reader was removed.",
        ),
        (
            "Request: Python and VS Code for data analysis",
            "For quality statistics I would like Python and Visual Studio Code on my laptop.",
            "Installed Python 3.12 and Visual Studio Code from the approved software list.",
        ),
    ),
    "vpn": (
        (
            "Request: VPN access for a new field engineer",
            "{colleague} starts as a field engineer and needs VPN access from day one.",
            "VPN access granted from the start date; the instructions are in the welcome mail.",
        ),
        (
            "Request: remote access for an external consultant",
            "A consultant from our ERP partner needs remote access to the test system for "
            "four weeks.",
            "Created a time-limited remote access account for the consultant (four weeks, "
            "test system only).",
        ),
    ),
    "network": (
        (
            "Request: network ports for the new training room",
            "The new training room {room} needs eight active network ports by next month.",
            "Eight ports in the training room are patched and active.",
        ),
        (
            "Request: guest Wi-Fi vouchers for a customer workshop",
            "We host 20 customers in {site} on Thursday; please prepare guest Wi-Fi vouchers.",
            "Prepared 25 guest Wi-Fi vouchers valid for Thursday; they are at the reception.",
        ),
    ),
    "fileshares": (
        (
            "Request: new folder with restricted access on the HR drive",
            "Please create a folder 'Works council' on the HR drive, readable only by the "
            "works council members.",
            "Created the folder with access for the works council group only.",
        ),
        (
            "Request: restore a file version from last Friday",
            "I need the version of 'Forecast.xlsx' from last Friday, the current one was "
            "overwritten.",
            "Restored Friday's version of Forecast.xlsx next to the current file.",
        ),
    ),
    "sap": (
        (
            "Request: access to SAP cost centre reports",
            "As the new controller for {site} I need read access to the cost centre reports "
            "for my plant.",
            "Assigned the cost centre reporting role for your plant after approval by the "
            "controlling lead.",
        ),
        (
            "Request: SAP role for purchase order approval",
            "I was promoted to team lead and need the approval role for purchase orders up to"
            " 25,000 EUR.",
            "Assigned the purchase order approval role (up to 25,000 EUR), approved by your "
            "manager.",
        ),
        (
            "Request: new SAP user for temporary worker",
            "{colleague} works in the warehouse for three months and needs a SAP user for "
            "goods movements.",
            "Created the SAP user with the warehouse role, valid for three months.",
        ),
    ),
    "crm": (
        (
            "Request: Salesforce licence for new key account manager",
            "{colleague} joins Sales Vienna and needs a Salesforce licence and the key "
            "account profile.",
            "Assigned a Salesforce licence and the key account profile.",
        ),
        (
            "Request: new picklist value for lead source",
            "Please add 'Trade fair Hanover' as a lead source.",
            "Added 'Trade fair Hanover' to the lead source picklist.",
        ),
    ),
    "hr-portal": (
        (
            "Request: manager rights in the HR portal",
            "I took over the team of {colleague} and need to approve leave requests.",
            "Assigned manager rights for the team in the HR portal.",
        ),
        (
            "Request: correct my cost centre in the HR portal",
            "The HR portal still shows my old cost centre after the reorganisation.",
            "HR corrected the cost centre; it shows in the portal from tomorrow.",
        ),
    ),
    "accounts": (
        (
            "Request: access to the quality drive",
            "I joined Quality and need write access to the QM drive.",
            "Added you to the QM drive's write group, approved by the quality manager.",
        ),
        (
            "Request: account for new starter {colleague}",
            "{colleague} starts in {site} on Monday; please create the account and mailbox.",
            "Created the account and mailbox; the start password goes to the manager.",
        ),
        (
            "Request: remove access for a leaver",
            "{colleague} leaves us at the end of the week; please disable the account on "
            "Friday evening.",
            "Scheduled the account to be disabled on Friday at 18:00 and the mailbox to be "
            "converted.",
        ),
    ),
    "passwords": (
        (
            "Request: hardware security key",
            "I travel a lot and would like a hardware key instead of the phone app.",
            "Issued and registered a hardware security key; it is at the IT counter.",
        ),
        (
            "Request: register new phone for MFA",
            "I have a new company phone and need to move my authenticator.",
            "Moved the authenticator to the new phone after identity check.",
        ),
    ),
}
