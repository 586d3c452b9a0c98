// RecoveryBot on Azure: App Service (Linux) host, Table Storage, Key Vault for every secret, and the Azure
// Bot registration with its Microsoft Teams channel. Deploy into a resource group:
//
//   az deployment group create -g <rg> -f deploy/main.bicep -p deploy/main.bicepparam
//
// See deploy/README.md for the whole path from an empty subscription to a bot in Teams and Slack.
targetScope = 'resourceGroup'

@description('Azure region for everything except the bot registration (which is global).')
param location string = resourceGroup().location

@description('Short lowercase name used to derive resource names.')
@minLength(3)
@maxLength(12)
param baseName string = 'recoverybot'

@description('Name of the web app; it becomes <appName>.azurewebsites.net. Must be globally unique.')
@minLength(2)
@maxLength(60)
param appName string = '${baseName}-${uniqueString(resourceGroup().id)}'

@description('App Service plan SKU. B1 is the smallest with Always On and health checks; use P0v3 or higher for autoscale.')
param planSku string = 'B1'

@description('Number of host instances. Two by default, so a restart or a failed instance never takes the bot away; several are safe: the scheduler, the outbox and Slack event claims use ETag-guarded leases, and posts are stored before they are sent.')
@minValue(1)
@maxValue(10)
param instanceCount int = 2

@description('Container image to run (e.g. myregistry.azurecr.io/recoverybot:1.0.0). Empty: the .NET 10 runtime stack, deployed with a zip of `dotnet publish`.')
param containerImage string = ''

@description('Name of an Azure Container Registry in this resource group that holds containerImage; the web app pulls with its managed identity. Empty for a public image or for zip deploy.')
param containerRegistryName string = ''

@description('Entra ID (Azure AD) application (client) id of the bot: Teams__AppId.')
@minLength(36)
@maxLength(36)
param botAppId string

@description('Client secret of that app registration: Teams__AppPassword. Stored in Key Vault.')
@secure()
param botAppPassword string

@description('Tenant of the single-tenant app registration: Teams__TenantId.')
param botTenantId string = tenant().tenantId

@description('Azure Bot pricing tier: F0 (free, standard channels such as Teams) or S1.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Slack app signing secret (Slack__SigningSecret). Empty: Slack is off (its endpoints answer 404).')
@secure()
param slackSigningSecret string = ''

@description('Slack bot token xoxb-… (Slack__BotToken), for one workspace. Leave empty when workspaces install the app (slackClientId).')
@secure()
param slackBotToken string = ''

@description('Slack OAuth client id (Slack__ClientId): workspaces install with "Add to Slack" at <host>/slack/install. Empty: one workspace, with slackBotToken.')
param slackClientId string = ''

@description('Slack OAuth client secret (Slack__ClientSecret), with slackClientId.')
@secure()
param slackClientSecret string = ''

@description('Slack app-level token xapp-… (Slack__AppToken): the host also connects over Socket Mode. Empty: HTTP only.')
@secure()
param slackAppToken string = ''

@description('HMAC key for signed summary links (Web__LinkKey), e.g. `openssl rand -base64 32`. Keep it across deployments: changing it invalidates every shared link.')
@secure()
@minLength(32)
param linkKey string

@description('Public base URL of the host (Web__PublicBaseUrl). Empty: https://<appName>.azurewebsites.net.')
param publicBaseUrl string = ''

@description('Prefix of every table name (Storage__TablePrefix).')
param tablePrefix string = 'rb'

@description('Object id of a user or group that manages the secrets by hand (rotation): gets get/list/set secrets on the vault. Empty: secrets change only through this template. `az ad signed-in-user show --query id -o tsv`')
param operatorObjectId string = ''

@description('Turn on Key Vault purge protection (cannot be turned off again; a deleted vault then blocks its name for the retention period).')
param keyVaultPurgeProtection bool = false

@description('Tags applied to every resource.')
param tags object = {
  app: 'recoverybot'
}

var suffix = uniqueString(resourceGroup().id)
var storageName = take('st${replace(toLower(baseName), '-', '')}${suffix}', 24)
var keyVaultName = take('kv-${toLower(baseName)}-${suffix}', 24)
var planName = 'plan-${appName}'
var botName = 'bot-${appName}'
var defaultHost = '${appName}.azurewebsites.net'
var baseUrl = empty(publicBaseUrl) ? 'https://${defaultHost}' : publicBaseUrl
var useContainer = !empty(containerImage)
var useAcr = useContainer && !empty(containerRegistryName)
var slackEnabled = !empty(slackSigningSecret) && !empty(slackBotToken)
var slackInstalls = !empty(slackSigningSecret) && !empty(slackClientId) && !empty(slackClientSecret)
var slackSocketMode = !empty(slackAppToken) && (slackEnabled || slackInstalls)

// ---------------------------------------------------------------- storage (Azure Table Storage)

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  tags: tags
  sku: {
    name: 'Standard_LRS'
  }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
    allowSharedKeyAccess: true // the host connects with a connection string (kept in Key Vault)
    publicNetworkAccess: 'Enabled'
    accessTier: 'Hot'
  }
}

// ---------------------------------------------------------------- Key Vault and secrets

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: false // access policies: the web app's managed identity may get and list secrets
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: keyVaultPurgeProtection ? true : null
    // Declared here rather than as a separate accessPolicies/add resource, so a redeployment never
    // replaces the policy list with an empty one, not even for a moment.
    accessPolicies: concat(
      [
        {
          tenantId: tenant().tenantId
          objectId: site.identity.principalId
          permissions: {
            secrets: [
              'get'
              'list'
            ]
          }
        }
      ],
      empty(operatorObjectId)
        ? []
        : [
            {
              tenantId: tenant().tenantId
              objectId: operatorObjectId
              permissions: {
                secrets: [
                  'get'
                  'list'
                  'set'
                ]
              }
            }
          ]
    )
    publicNetworkAccess: 'Enabled'
  }
}

resource storageSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'storage-connection-string'
  properties: {
    value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
    contentType: 'text/plain'
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'teams-app-password'
  properties: {
    value: botAppPassword
    contentType: 'text/plain'
  }
}

resource linkKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'web-link-key'
  properties: {
    value: linkKey
    contentType: 'text/plain'
  }
}

resource slackSigningSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (slackEnabled || slackInstalls) {
  parent: vault
  name: 'slack-signing-secret'
  properties: {
    value: slackSigningSecret
    contentType: 'text/plain'
  }
}

resource slackBotTokenSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (slackEnabled) {
  parent: vault
  name: 'slack-bot-token'
  properties: {
    value: slackBotToken
    contentType: 'text/plain'
  }
}

resource slackClientSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (slackInstalls) {
  parent: vault
  name: 'slack-client-secret'
  properties: {
    value: slackClientSecret
    contentType: 'text/plain'
  }
}

resource slackAppTokenSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (slackSocketMode) {
  parent: vault
  name: 'slack-app-token'
  properties: {
    value: slackAppToken
    contentType: 'text/plain'
  }
}

// ---------------------------------------------------------------- App Service

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: planSku
    capacity: instanceCount
  }
  properties: {
    reserved: true // Linux
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: tags
  kind: useContainer ? 'app,linux,container' : 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false // stateless host: any instance can serve any request
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: useContainer ? 'DOCKER|${containerImage}' : 'DOTNETCORE|10.0'
      appCommandLine: useContainer ? '' : 'dotnet RecoveryBot.Host.dll' // zip deploy of `dotnet publish` output
      acrUseManagedIdentityCreds: useAcr
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      webSocketsEnabled: false
      // App settings are set below, once the identity can read the vault.
    }
  }
}

resource ftpPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = if (useAcr) {
  name: useAcr ? containerRegistryName : 'unused'
}

var acrPullRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')

resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (useAcr) {
  name: guid(resourceGroup().id, appName, 'AcrPull')
  scope: registry
  properties: {
    roleDefinitionId: acrPullRoleId
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

func kvRef(secretUri string) string => '@Microsoft.KeyVault(SecretUri=${secretUri})'

var commonSettings = {
  ASPNETCORE_ENVIRONMENT: 'Production'
  ASPNETCORE_URLS: 'http://+:8080' // App Service forwards to 8080 (and so does the container image)
  WEBSITES_PORT: '8080'
  Storage__ConnectionString: kvRef(storageSecret.properties.secretUri)
  Storage__TablePrefix: tablePrefix
  Teams__AppId: botAppId
  Teams__AppPassword: kvRef(botPasswordSecret.properties.secretUri)
  Teams__TenantId: botTenantId
  Teams__Authentication: 'BotFramework'
  Slack__ApiBaseUrl: 'https://slack.com/api/'
  Scheduler__Enabled: 'true'
  Web__PublicBaseUrl: baseUrl
  Web__LinkKey: kvRef(linkKeySecret.properties.secretUri)
}

var slackSettings = slackEnabled
  ? {
      Slack__SigningSecret: kvRef(slackSigningSecretSecret!.properties.secretUri)
      Slack__BotToken: kvRef(slackBotTokenSecret!.properties.secretUri)
    }
  : {}

// Installed workspaces' bot tokens are stored in the <prefix>installations table, encrypted with ASP.NET Core Data
// Protection; its key ring is the <prefix>dataprotection table of the same storage account (the host creates both),
// so every instance and restart reads the same keys. Key Vault keeps only the app's own secrets.
var slackInstallSettings = slackInstalls
  ? {
      Slack__SigningSecret: kvRef(slackSigningSecretSecret!.properties.secretUri)
      Slack__ClientId: slackClientId
      Slack__ClientSecret: kvRef(slackClientSecretSecret!.properties.secretUri)
      Slack__RedirectUrl: '${baseUrl}/slack/oauth_redirect'
    }
  : {}

var slackSocketSettings = slackSocketMode
  ? {
      Slack__AppToken: kvRef(slackAppTokenSecret!.properties.secretUri)
    }
  : {}

var containerSettings = useContainer
  ? {
      WEBSITES_ENABLE_APP_SERVICE_STORAGE: 'false'
    }
  : {}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(commonSettings, slackSettings, slackInstallSettings, slackSocketSettings, containerSettings)
  // Implicitly after the vault (with the identity's access policy) and the secrets, through their URIs,
  // so the Key Vault references resolve on the first start.
  dependsOn: [
    acrPull
  ]
}

// ---------------------------------------------------------------- Azure Bot + Teams channel

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: 'RecoveryBot'
    description: 'Runs the recovery of a failed software delivery.'
    endpoint: '${baseUrl}/api/messages'
    msaAppId: botAppId
    msaAppTenantId: botTenantId
    msaAppType: 'SingleTenant'
    disableLocalAuth: false
    publicNetworkAccess: 'Enabled'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      acceptedTerms: true
    }
  }
}

// ---------------------------------------------------------------- outputs (no secrets)

output webAppName string = site.name
output hostName string = site.properties.defaultHostName
output publicBaseUrl string = baseUrl
output messagingEndpoint string = bot.properties.endpoint
output slackCommandsUrl string = '${baseUrl}/slack/commands'
output slackInstallUrl string = '${baseUrl}/slack/install'
output keyVaultName string = vault.name
output storageAccountName string = storage.name
output botName string = bot.name
output webAppPrincipalId string = site.identity.principalId
