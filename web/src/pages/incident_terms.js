// The incident fields' allowed values, as the server checks them (src/incidents/incident.h).
export const severities = ['low', 'moderate', 'high', 'critical'];
export const states = ['new', 'triaged', 'investigating', 'contained', 'closed'];
