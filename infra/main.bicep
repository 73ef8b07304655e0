// SalesDesk in one resource group: Function App (Flex Consumption, Node 20) reaching Table Storage
// with its managed identity, Application Insights, and a Static Web App for the task pane.
// Kept short and conventional: it is not compiled on the development machines (no Bicep CLI).
targetScope = 'resourceGroup'

@description('Short name used in resource names, e.g. salesdesk')
param name string = 'salesdesk'
param location string = resourceGroup().location
@description('Entra tenant id whose tokens the API accepts')
param tenantId string = subscription().tenantId
@description('The API app registration client id (README: Register the app)')
param apiClientId string
@description('Where the task pane is served from, e.g. https://salesdesk.example.com (CORS and Origin checks)')
param paneOrigin string = ''
@description('客户对账单 heading: 中文名|English name')
param companyName string = ''

var suffix = uniqueString(resourceGroup().id)
var storageName = toLower('${take(replace(name, '-', ''), 10)}${suffix}')
var deployContainer = 'deployments'
var paneUrl = empty(paneOrigin) ? 'https://${pane.properties.defaultHostname}' : paneOrigin

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    // No keys: the Functions host, the deployment and SalesDesk's tables all use the app's managed identity.
    allowSharedKeyAccess: false
  }
  resource blobs 'blobServices' = {
    name: 'default'
    resource deployments 'containers' = { name: deployContainer }
  }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs-${suffix}'
  location: location
  properties: { retentionInDays: 30, sku: { name: 'PerGB2018' } }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-insights-${suffix}'
  location: location
  kind: 'web'
  properties: { Application_Type: 'web', WorkspaceResourceId: logs.id }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${name}-plan-${suffix}'
  location: location
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource api 'Microsoft.Web/sites@2024-04-01' = {
  name: '${name}-api-${suffix}'
  location: location
  kind: 'functionapp,linux'
  tags: { 'azd-service-name': 'api' }
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deployContainer}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: { maximumInstanceCount: 40, instanceMemoryMB: 2048 }
      runtime: { name: 'node', version: '20' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      cors: { allowedOrigins: [paneUrl], supportCredentials: false }
      appSettings: [
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        // SalesDesk's tables, reached with the managed identity (functions/src/storage/client.ts); no
        // SALESDESK_STORAGE connection string, which would win over it.
        { name: 'SALESDESK_STORAGE_ACCOUNT', value: storage.name }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'SALESDESK_AUTH_TENANT_IDS', value: tenantId }
        { name: 'SALESDESK_AUTH_AUDIENCES', value: 'api://${apiClientId},${apiClientId}' }
        { name: 'SALESDESK_CORS_ORIGINS', value: paneUrl }
        { name: 'SALESDESK_COMPANY_NAME', value: companyName }
      ]
    }
  }
}

// The Function App's identity may use blobs (deployments, host), queues (host) and tables: "Storage Table
// Data Contributor" is what SalesDesk's data needs.
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
}
resource access 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(roles): {
    name: guid(storage.id, api.id, role.value)
    scope: storage
    properties: {
      principalId: api.identity.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
    }
  }
]

resource pane 'Microsoft.Web/staticSites@2023-12-01' = {
  name: '${name}-pane-${suffix}'
  location: location
  tags: { 'azd-service-name': 'pane' }
  sku: { name: 'Free', tier: 'Free' }
  properties: {}
}

output API_URL string = 'https://${api.properties.defaultHostName}/api'
output PANE_URL string = paneUrl
output FUNCTION_APP_NAME string = api.name
output STORAGE_ACCOUNT string = storage.name
