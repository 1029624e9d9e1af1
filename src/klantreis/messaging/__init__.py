"""Messages to customers: touchpoints, the voice, the right moment, the transactional outbox and
its channels.
"""
