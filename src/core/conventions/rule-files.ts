/** Where `burnrate generate` writes a service's rules: the toolkit writes them, the service links to them. */
export const rulesFilePath = (service: string) => `alerts/prometheus/${service}.rules.yaml`;
export const prometheusRuleFilePath = (service: string) => `alerts/prometheus-operator/${service}.prometheusrule.yaml`;
