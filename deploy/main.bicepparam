// Parameters for main.bicep, read from the environment so no secret is written to a file:
//   export BOT_APP_ID=… BOT_APP_PASSWORD=… WEB_LINK_KEY="$(openssl rand -base64 32)"
//   export SLACK_SIGNING_SECRET=… SLACK_BOT_TOKEN=…      # optional: leave unset for Teams only
//   export CONTAINER_IMAGE=…  CONTAINER_REGISTRY=…        # optional: unset = zip deploy on .NET 10
//   export OPERATOR_OBJECT_ID="$(az ad signed-in-user show --query id -o tsv)"   # optional: may set secrets
//   az deployment group create -g "$RG" -f deploy/main.bicep -p deploy/main.bicepparam
using './main.bicep'

param baseName = readEnvironmentVariable('RB_BASE_NAME', 'recoverybot')
param planSku = readEnvironmentVariable('RB_PLAN_SKU', 'B1')
param instanceCount = int(readEnvironmentVariable('RB_INSTANCE_COUNT', '2'))
param botAppId = readEnvironmentVariable('BOT_APP_ID')
param botAppPassword = readEnvironmentVariable('BOT_APP_PASSWORD')
param botTenantId = readEnvironmentVariable('BOT_TENANT_ID')
param linkKey = readEnvironmentVariable('WEB_LINK_KEY')
param slackSigningSecret = readEnvironmentVariable('SLACK_SIGNING_SECRET', '')
param slackBotToken = readEnvironmentVariable('SLACK_BOT_TOKEN', '')
param slackClientId = readEnvironmentVariable('SLACK_CLIENT_ID', '')
param slackClientSecret = readEnvironmentVariable('SLACK_CLIENT_SECRET', '')
param slackAppToken = readEnvironmentVariable('SLACK_APP_TOKEN', '')
param containerImage = readEnvironmentVariable('CONTAINER_IMAGE', '')
param containerRegistryName = readEnvironmentVariable('CONTAINER_REGISTRY', '')
param operatorObjectId = readEnvironmentVariable('OPERATOR_OBJECT_ID', '')
param publicBaseUrl = readEnvironmentVariable('RB_PUBLIC_BASE_URL', '')
