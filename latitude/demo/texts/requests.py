"""Service requests people raise, by service slug (the security service takes no requests)."""

from latitude.demo.texts import Text

REQUESTS: dict[str, tuple[Text, ...]] = {
    "email": (
        (
            "Request: shared mailbox for the new project team",
            "Please create a shared mailbox "
            "'project-aurora' with send-as rights for the five people in the project team.",
        ),
        (
            "Request: out-of-office for a colleague on sick leave",
            "{colleague} is on sick leave "
            "for two weeks; please set an out-of-office reply and forward mails to me.",
        ),
        (
            "Request: distribution list for {site} shift leads",
            "We need a distribution list for the shift leads in {site} (about 12 people).",
        ),
    ),
    "collaboration": (
        (
            "Request: new Teams team for the supplier audit",
            "Please create a private team 'Supplier audit 2026' with me as owner.",
        ),
        (
            "Request: guest access to SharePoint for an external auditor",
            "An auditor from our "
            "accounting firm needs read access to the Audit site until the end of the month.",
        ),
    ),
    "laptops": (
        (
            "Request: laptop for new starter {colleague}",
            "{colleague} starts on the 1st in "
            "Controlling and needs a standard laptop with docking station.",
        ),
        (
            "Request: second monitor for my desk",
            'Could I get a second 27" monitor for my desk in room {room}?',
        ),
        ("Request: replacement charger", "My laptop charger broke; I need a USB-C 65 W charger."),
        (
            "Request: headset for video calls",
            "Please send me a USB headset; I have many customer calls.",
        ),
    ),
    "printing": (
        (
            "Request: add the {site} plotter to my laptop",
            "I need the large-format plotter in {site} for construction drawings.",
        ),
        (
            "Request: badge registration for follow-me printing",
            "I got a new badge; please register it for follow-me printing.",
        ),
    ),
    "mobile": (
        (
            "Request: company smartphone",
            "I now work in field sales and need a company smartphone with mobile data.",
        ),
        (
            "Request: data roaming for trip to the UK",
            "I travel to our customer in Birmingham "
            "next week; please enable data roaming for my phone.",
        ),
    ),
    "software": (
        (
            "Request: Microsoft Visio licence",
            "I need Visio to draw process diagrams for the ISO certification.",
        ),
        (
            "Request: install Power BI Desktop",
            "Please install Power BI Desktop; I build the monthly sales dashboards.",
        ),
        (
            "Request: Adobe Acrobat Pro instead of Reader",
            "I need to edit and sign PDFs for supplier contracts.",
        ),
        (
            "Request: Python and VS Code for data analysis",
            "For quality statistics I would like Python and Visual Studio Code on my laptop.",
        ),
    ),
    "vpn": (
        (
            "Request: VPN access for a new field engineer",
            "{colleague} starts as a field engineer and needs VPN access from day one.",
        ),
        (
            "Request: remote access for an external consultant",
            "A consultant from our ERP "
            "partner needs remote access to the test system for four weeks.",
        ),
    ),
    "network": (
        (
            "Request: network ports for the new training room",
            "The new training room {room} needs eight active network ports by next month.",
        ),
        (
            "Request: guest Wi-Fi vouchers for a customer workshop",
            "We host 20 customers in {site} on Thursday; please prepare guest Wi-Fi vouchers.",
        ),
    ),
    "fileshares": (
        (
            "Request: new folder with restricted access on the HR drive",
            "Please create a folder "
            "'Works council' on the HR drive, readable only by the works council members.",
        ),
        (
            "Request: restore a file version from last Friday",
            "I need the version of "
            "'Forecast.xlsx' from last Friday, the current one was overwritten.",
        ),
    ),
    "sap": (
        (
            "Request: access to SAP cost centre reports",
            "As the new controller for {site} I need "
            "read access to the cost centre reports for my plant.",
        ),
        (
            "Request: SAP role for purchase order approval",
            "I was promoted to team lead and need "
            "the approval role for purchase orders up to 25,000 EUR.",
        ),
        (
            "Request: new SAP user for temporary worker",
            "{colleague} works in the warehouse for "
            "three months and needs a SAP user for goods movements.",
        ),
    ),
    "crm": (
        (
            "Request: Salesforce licence for new key account manager",
            "{colleague} joins Sales "
            "Vienna and needs a Salesforce licence and the key account profile.",
        ),
        (
            "Request: new picklist value for lead source",
            "Please add 'Trade fair Hanover' as a lead source.",
        ),
    ),
    "hr-portal": (
        (
            "Request: manager rights in the HR portal",
            "I took over the team of {colleague} and need to approve leave requests.",
        ),
        (
            "Request: correct my cost centre in the HR portal",
            "The HR portal still shows my old cost centre after the reorganisation.",
        ),
    ),
    "accounts": (
        (
            "Request: access to the quality drive",
            "I joined Quality and need write access to the QM drive.",
        ),
        (
            "Request: account for new starter {colleague}",
            "{colleague} starts in {site} on Monday; please create the account and mailbox.",
        ),
        (
            "Request: remove access for a leaver",
            "{colleague} leaves us at the end of the week; "
            "please disable the account on Friday evening.",
        ),
    ),
    "passwords": (
        (
            "Request: hardware security key",
            "I travel a lot and would like a hardware key instead of the phone app.",
        ),
        (
            "Request: register new phone for MFA",
            "I have a new company phone and need to move my authenticator.",
        ),
    ),
}
