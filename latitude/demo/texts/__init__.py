"""What people write in the demo: subjects, descriptions and replies, by service.

Placeholders: {site} (the requester's city), {asset} (an asset tag), {room}, {colleague}, {ref}
(a vendor case number), {number} (a related ticket's number).
"""

Story = tuple[str, str, str]  # subject, description, how it was solved
