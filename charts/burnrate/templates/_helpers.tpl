{{- define "burnrate.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "burnrate.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "burnrate.selectorLabels" -}}
app.kubernetes.io/name: {{ include "burnrate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "burnrate.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "burnrate.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: burnrate
{{- end -}}

{{- define "burnrate.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "burnrate.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "burnrate.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* Refuses combinations that would run but lose data. */}}
{{- define "burnrate.validate" -}}
{{- if and (eq .Values.database.type "sqlite") (or (gt (int .Values.replicaCount) 1) .Values.autoscaling.enabled) -}}
{{- fail "burnrate: more than one replica (replicaCount > 1 or autoscaling) needs database.type=postgres; replicas cannot share an embedded SQLite file" -}}
{{- end -}}
{{- if and (eq .Values.database.type "postgres") (not .Values.database.postgres.existingSecret) -}}
{{- fail "burnrate: database.type=postgres needs database.postgres.existingSecret, a Secret holding DATABASE_URL" -}}
{{- end -}}
{{- if and (not .Values.catalogDiscovery.kubernetes.enabled) (not .Values.catalogConfigMaps) -}}
{{- fail "burnrate: no catalog source: turn catalogDiscovery.kubernetes.enabled on or list catalogConfigMaps (the chart carries no SLOs)" -}}
{{- end -}}
{{- $names := list -}}
{{- range .Values.catalogConfigMaps -}}
{{- if has .name $names -}}
{{- fail (printf "burnrate: catalogConfigMaps lists %s twice" .name) -}}
{{- end -}}
{{- $names = append $names .name -}}
{{- end -}}
{{- end -}}

{{/* Where the catalogConfigMaps are mounted together, one <name>.json file each. */}}
{{- define "burnrate.catalogDirectory" -}}
/etc/burnrate-catalogs
{{- end -}}

{{/* Where team routing-key Secrets are mounted; volume names are indexed because team names may not be DNS labels. */}}
{{- define "burnrate.pagingMountPath" -}}
/var/run/secrets/burnrate/pagerduty/{{ . }}
{{- end -}}

{{/* The service configuration file: the `config` values plus the paging section with mounted key files and the catalog sources. */}}
{{- define "burnrate.serviceConfig" -}}
{{- $config := deepCopy .Values.config -}}
{{- if .Values.paging.enabled -}}
{{- $keys := dict -}}
{{- $index := 0 -}}
{{- range $team, $secret := .Values.paging.routingKeySecrets -}}
{{- $_ := set $keys $team (printf "%s/%s" (include "burnrate.pagingMountPath" (printf "team-%d" $index)) $.Values.paging.secretKey) -}}
{{- $index = add1 $index -}}
{{- end -}}
{{- $_ := set $config "paging" (dict "enabled" true "eventsUrl" .Values.paging.eventsUrl "routingKeys" $keys) -}}
{{- end -}}
{{- $catalog := deepCopy (default dict $config.catalog) -}}
{{- if .Values.catalogDiscovery.kubernetes.enabled -}}
{{- $_ := set $catalog "kubernetes" (dict "enabled" true "namespaces" .Values.catalogDiscovery.kubernetes.namespaces) -}}
{{- end -}}
{{- if .Values.catalogConfigMaps -}}
{{- $_ := set $catalog "directory" (include "burnrate.catalogDirectory" .) -}}
{{- end -}}
{{- $_ := set $config "catalog" $catalog -}}
{{- toYaml $config -}}
{{- end -}}
