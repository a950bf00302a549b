"""The demo organisation as data: sites, teams, the agent roster, services and categories."""

from dataclasses import dataclass

from latitude.catalog.choices import CategoryScope, Criticality


@dataclass(frozen=True)
class UnitSpec:
    name: str
    city: str
    locale: str
    time_zone: str
    share: float  # of requesters
    shares_tickets: bool = False


UNITS = (
    UnitSpec("Headquarters Munich", "Munich", "de_DE", "Europe/Berlin", 0.45),
    UnitSpec("Plant Leipzig", "Leipzig", "de_DE", "Europe/Berlin", 0.30, shares_tickets=True),
    UnitSpec("Sales Vienna", "Vienna", "de_AT", "Europe/Vienna", 0.25),
)


@dataclass(frozen=True)
class TeamSpec:
    slug: str
    name: str
    description: str
    units: tuple[str, ...]
    is_triage: bool = False


ALL_SITES = tuple(unit.name for unit in UNITS)
TEAMS = (
    TeamSpec(
        "service-desk",
        "Service Desk",
        "First contact for every request; triages and "
        "solves what it can, hands the rest to the specialist teams.",
        ALL_SITES,
        is_triage=True,
    ),
    TeamSpec(
        "workplace",
        "Workplace",
        "Laptops, printers, phones, e-mail and collaboration.",
        ("Headquarters Munich", "Plant Leipzig"),
    ),
    TeamSpec(
        "network",
        "Network & Infrastructure",
        "LAN, Wi-Fi, VPN, servers, storage, backup.",
        ("Headquarters Munich", "Sales Vienna"),
    ),
    TeamSpec(
        "business-apps",
        "Business Applications",
        "SAP, CRM and the HR portal.",
        ("Headquarters Munich",),
    ),
    TeamSpec(
        "identity-access",
        "Identity & Access",
        "Accounts, permissions, passwords and MFA.",
        ("Headquarters Munich", "Sales Vienna"),
    ),
    TeamSpec(
        "security",
        "Security",
        "Phishing, malware and security incidents.",
        ("Headquarters Munich",),
    ),
)


@dataclass(frozen=True)
class AgentSpec:
    teams: tuple[str, ...]
    unit: str
    leads: str = ""  # slug of the team this agent leads
    email: str = ""  # fixed address for the showcased demo accounts


MUC, LEJ, VIE = (unit.name for unit in UNITS)
AGENTS = (
    AgentSpec(("service-desk",), MUC, leads="service-desk", email="lead@demo.latitude.example"),
    AgentSpec(("service-desk", "workplace"), LEJ, email="agent@demo.latitude.example"),
    AgentSpec(("service-desk",), MUC),
    AgentSpec(("service-desk",), VIE),
    AgentSpec(("service-desk", "identity-access"), MUC),
    AgentSpec(("workplace",), MUC, leads="workplace"),
    AgentSpec(("workplace",), LEJ),
    AgentSpec(("workplace", "network"), MUC),
    AgentSpec(("network",), MUC, leads="network"),
    AgentSpec(("network",), VIE),
    AgentSpec(("network",), MUC),
    AgentSpec(("network", "security"), MUC),
    AgentSpec(("business-apps",), MUC, leads="business-apps"),
    AgentSpec(("business-apps",), LEJ),
    AgentSpec(("business-apps",), MUC),
    AgentSpec(("identity-access",), MUC, leads="identity-access"),
    AgentSpec(("identity-access",), VIE),
    AgentSpec(("identity-access", "security"), MUC),
    AgentSpec(("security",), MUC, leads="security"),
    AgentSpec(("security",), MUC),
)

# (parent, name, applies to); a parent of "" makes a top-level category.
CATEGORIES = (
    ("", "Hardware", CategoryScope.ANY),
    ("Hardware", "Laptop & desktop", CategoryScope.ANY),
    ("Hardware", "Printer", CategoryScope.ANY),
    ("Hardware", "Mobile device", CategoryScope.ANY),
    ("", "Software", CategoryScope.ANY),
    ("Software", "Installation", CategoryScope.REQUEST),
    ("Software", "Error", CategoryScope.INCIDENT),
    ("", "Access", CategoryScope.ANY),
    ("Access", "Permissions", CategoryScope.ANY),
    ("Access", "Password & MFA", CategoryScope.ANY),
    ("", "Network", CategoryScope.ANY),
    ("Network", "VPN & remote access", CategoryScope.ANY),
    ("Network", "Wi-Fi & LAN", CategoryScope.ANY),
    ("Network", "Storage & backup", CategoryScope.ANY),
    ("", "E-mail & collaboration", CategoryScope.ANY),
    ("", "Business application", CategoryScope.ANY),
    ("", "Security", CategoryScope.INCIDENT),
    ("Security", "Phishing", CategoryScope.INCIDENT),
)


@dataclass(frozen=True)
class ServiceSpec:
    slug: str
    name: str
    team: str
    criticality: Criticality
    category: str  # "Parent/Child" or a top-level name
    description: str
    requestable: bool = True
    weight: int = 10  # relative share of tickets
    incident_category: str = ""  # when `category` applies to requests only
    approval_cost: str = ""  # requests need approval, at this default cost in EUR


SERVICES = (
    ServiceSpec(
        "email",
        "E-mail & Calendar",
        "workplace",
        Criticality.HIGH,
        "E-mail & collaboration",
        "Exchange Online mailboxes, shared mailboxes, calendars.",
        weight=14,
    ),
    ServiceSpec(
        "collaboration",
        "Teams & SharePoint",
        "workplace",
        Criticality.MEDIUM,
        "E-mail & collaboration",
        "Microsoft Teams, SharePoint sites and OneDrive.",
        weight=9,
    ),
    ServiceSpec(
        "laptops",
        "Laptops & Desktops",
        "workplace",
        Criticality.MEDIUM,
        "Hardware/Laptop & desktop",
        "Company laptops, desktops, docking stations, monitors.",
        weight=16,
        approval_cost="1250.00",
    ),
    ServiceSpec(
        "printing",
        "Printing & Scanning",
        "workplace",
        Criticality.LOW,
        "Hardware/Printer",
        "Follow-me printing, multifunction devices, scan to e-mail.",
        weight=8,
    ),
    ServiceSpec(
        "mobile",
        "Mobile Devices",
        "workplace",
        Criticality.LOW,
        "Hardware/Mobile device",
        "Company smartphones and tablets (Intune managed).",
        weight=5,
        approval_cost="690.00",
    ),
    ServiceSpec(
        "software",
        "Software & Licences",
        "service-desk",
        Criticality.MEDIUM,
        "Software/Installation",
        "Standard software from the company portal, licences.",
        weight=9,
        incident_category="Software/Error",
        approval_cost="180.00",
    ),
    ServiceSpec(
        "vpn",
        "VPN & Remote Access",
        "network",
        Criticality.HIGH,
        "Network/VPN & remote access",
        "GlobalProtect VPN and remote desktop gateway.",
        weight=9,
    ),
    ServiceSpec(
        "network",
        "Office Network & Wi-Fi",
        "network",
        Criticality.HIGH,
        "Network/Wi-Fi & LAN",
        "Wired network, Wi-Fi and guest Wi-Fi at all sites.",
        weight=6,
    ),
    ServiceSpec(
        "fileshares",
        "File Shares & Backup",
        "network",
        Criticality.MEDIUM,
        "Network/Storage & backup",
        "Department drives, restores from backup.",
        weight=6,
    ),
    ServiceSpec(
        "sap",
        "SAP ERP",
        "business-apps",
        Criticality.CRITICAL,
        "Business application",
        "SAP S/4HANA: finance, controlling, purchasing, production planning.",
        weight=10,
    ),
    ServiceSpec(
        "crm",
        "Salesforce CRM",
        "business-apps",
        Criticality.HIGH,
        "Business application",
        "Accounts, opportunities and quotes for Sales.",
        weight=5,
    ),
    ServiceSpec(
        "hr-portal",
        "HR Portal",
        "business-apps",
        Criticality.MEDIUM,
        "Business application",
        "Leave requests, payslips, time recording.",
        weight=5,
    ),
    ServiceSpec(
        "accounts",
        "Accounts & Permissions",
        "identity-access",
        Criticality.HIGH,
        "Access/Permissions",
        "User accounts, group memberships, application roles.",
        weight=12,
    ),
    ServiceSpec(
        "passwords",
        "Passwords & MFA",
        "identity-access",
        Criticality.HIGH,
        "Access/Password & MFA",
        "Password resets, authenticator app, hardware keys.",
        weight=10,
    ),
    ServiceSpec(
        "security",
        "Security Incidents",
        "security",
        Criticality.CRITICAL,
        "Security/Phishing",
        "Report phishing, malware or a lost device.",
        requestable=False,
        weight=5,
    ),
)
