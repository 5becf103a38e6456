// Written by `npm run schemas:sdk` from the files in schemas/<version>/sdk/; do not edit.

const NAMES_2022_12_12: readonly SdkSchemaName[] = [
  'sdk/ActivateSyncEnvelope',
  'sdk/ActivateSyncInput',
  'sdk/ApiKeyResponseEnvelope',
  'sdk/ApiRequest',
  'sdk/BulkSchemaEnvelope',
  'sdk/BulkSyncDestEnvelope',
  'sdk/BulkSyncExecutionEnvelope',
  'sdk/BulkSyncListEnvelope',
  'sdk/BulkSyncResponseEnvelope',
  'sdk/BulkSyncSourceEnvelope',
  'sdk/BulkSyncSourceSchemaEnvelope',
  'sdk/BulkSyncSourceStatusEnvelope',
  'sdk/BulkSyncStatusEnvelope',
  'sdk/CancelBulkSyncResponseEnvelope',
  'sdk/CancelModelSyncResponseEnvelope',
  'sdk/ConnectCardRequest',
  'sdk/ConnectCardResponseEnvelope',
  'sdk/ConnectionListResponseEnvelope',
  'sdk/ConnectionParameterValuesResponseEnvelope',
  'sdk/ConnectionResponseEnvelope',
  'sdk/ConnectionTypeResponseEnvelope',
  'sdk/CreateBulkSyncRequest',
  'sdk/CreateConnectionRequestSchema',
  'sdk/CreateConnectionResponseEnvelope',
  'sdk/CreateModelRequest',
  'sdk/CreateModelSyncRequest',
  'sdk/CreateOrganizationRequestSchema',
  'sdk/CreateUserRequestSchema',
  'sdk/CreateWebhooksSchema',
  'sdk/EventTypesEnvelope',
  'sdk/EventsEnvelope',
  'sdk/ExecutionLogsResponseEnvelope',
  'sdk/GetConnectionMetaEnvelope',
  'sdk/GetConnectionTypeParameterValuesRequestSchema',
  'sdk/GetEnrichmentInputFieldsRequest',
  'sdk/GetExecutionResponseEnvelope',
  'sdk/GetIdentityResponseEnvelope',
  'sdk/GetModelSyncSourceMetaEnvelope',
  'sdk/JobResponseEnvelope',
  'sdk/JsonschemaSchema',
  'sdk/ListBulkSchema',
  'sdk/ListBulkSyncExecutionStatusEnvelope',
  'sdk/ListBulkSyncExecutionsEnvelope',
  'sdk/ListExecutionResponseEnvelope',
  'sdk/ListModelSyncResponseEnvelope',
  'sdk/ListPoliciesResponseEnvelope',
  'sdk/ListUsersEnvelope',
  'sdk/ModelFieldResponse',
  'sdk/ModelListResponseEnvelope',
  'sdk/ModelResponseEnvelope',
  'sdk/ModelSampleResponseEnvelope',
  'sdk/ModelSyncResponseEnvelope',
  'sdk/OrganizationEnvelope',
  'sdk/OrganizationsEnvelope',
  'sdk/PolicyResponseEnvelope',
  'sdk/RoleListResponseEnvelope',
  'sdk/RoleResponseEnvelope',
  'sdk/ScheduleEnvelope',
  'sdk/ScheduleOptionResponseEnvelope',
  'sdk/SchedulesEnvelope',
  'sdk/SchemaRecordsResponseEnvelope',
  'sdk/SetPrimaryKeysRequest',
  'sdk/StartBulkSyncRequest',
  'sdk/StartModelSyncRequest',
  'sdk/StartModelSyncResponseEnvelope',
  'sdk/SyncStatusEnvelope',
  'sdk/TargetResponseEnvelope',
  'sdk/TestConnectionRequest',
  'sdk/UpdateBulkSyncRequest',
  'sdk/UpdateConnectionRequestSchema',
  'sdk/UpdateModelRequest',
  'sdk/UpdateModelSyncRequest',
  'sdk/UpdateOrganizationRequestSchema',
  'sdk/UpdateUserRequestSchema',
  'sdk/UpdateWebhooksSchema',
  'sdk/UpsertSchemaFieldRequest',
  'sdk/UserEnvelope',
  'sdk/V2CreateSharedConnectionResponseEnvelope',
  'sdk/V2GetEnrichmentInputFieldsResponseEnvelope',
  'sdk/V4BulkSyncExecutionLogsEnvelope',
  'sdk/V4ExportSyncLogsEnvelope',
  'sdk/V4GlobalErrorSubscribersRequest',
  'sdk/V4GlobalErrorSubscribersResponse',
  'sdk/V4QueryResultsEnvelope',
  'sdk/V4RunQueryEnvelope',
  'sdk/V4RunQueryRequest',
  'sdk/V4TargetObjectsResponseEnvelope',
  'sdk/V4TargetPropertyValuesEnvelope',
  'sdk/WebhookEnvelope',
  'sdk/WebhookListEnvelope',
  'sdk/bulkSync.BulkSyncSchemasRequest',
  'sdk/bulkSync.CreateScheduleRequest',
  'sdk/bulkSync.UpdateBulkSchema',
  'sdk/bulkSync.UpdateScheduleRequest',
  'sdk/modelSync.UpdateExecutionRequest',
  'sdk/permissions.CreatePolicyRequest',
  'sdk/permissions.CreateRoleRequest',
  'sdk/permissions.UpdatePolicyRequest',
  'sdk/permissions.UpdateRoleRequest',
];

const NAMES_2025_09_18: readonly SdkSchemaName[] = [
  'sdk/ActivateSyncEnvelope',
  'sdk/ActivateSyncInput',
  'sdk/ApiKeyResponseEnvelope',
  'sdk/BulkSchemaEnvelope',
  'sdk/BulkSyncDestEnvelope',
  'sdk/BulkSyncExecutionEnvelope',
  'sdk/BulkSyncExecutionLogsEnvelope',
  'sdk/BulkSyncListEnvelope',
  'sdk/BulkSyncResponseEnvelope',
  'sdk/BulkSyncSourceEnvelope',
  'sdk/BulkSyncSourceSchemaEnvelope',
  'sdk/BulkSyncSourceStatusEnvelope',
  'sdk/BulkSyncStatusEnvelope',
  'sdk/CancelBulkSyncResponseEnvelope',
  'sdk/CancelSyncExecutionResponseEnvelope',
  'sdk/CancelSyncResponseEnvelope',
  'sdk/ConnectCardRequest',
  'sdk/ConnectCardResponseEnvelope',
  'sdk/ConnectionListResponseEnvelope',
  'sdk/ConnectionParameterValuesResponseEnvelope',
  'sdk/ConnectionResponseEnvelope',
  'sdk/ConnectionTypeResponseEnvelope',
  'sdk/CreateBulkSyncRequest',
  'sdk/CreateConnectionRequestSchema',
  'sdk/CreateConnectionResponseEnvelope',
  'sdk/CreateModelRequest',
  'sdk/CreateOrganizationRequestSchema',
  'sdk/CreateSharedConnectionResponseEnvelope',
  'sdk/CreateSyncRequest',
  'sdk/CreateUserRequestSchema',
  'sdk/CreateWebhooksSchema',
  'sdk/CurrentOrgCreateUserRequestSchema',
  'sdk/CurrentOrgUpdateUserRequestSchema',
  'sdk/EnrichmentInputFieldsRequest',
  'sdk/EntityResponseEnvelope',
  'sdk/EventTypesEnvelope',
  'sdk/EventsEnvelope',
  'sdk/ExecuteConnectionProxyEnvelope',
  'sdk/ExecuteConnectionProxyRequest',
  'sdk/ExecutionConsoleLogsResponseEnvelope',
  'sdk/ExecutionLogsResponseEnvelope',
  'sdk/ExportSyncLogsEnvelope',
  'sdk/GetConnectionProxyInfoEnvelope',
  'sdk/GetConnectionTypeParameterValuesRequestSchema',
  'sdk/GetEnrichmentInputFieldsResponseEnvelope',
  'sdk/GetExecutionResponseEnvelope',
  'sdk/GetIdentityResponseEnvelope',
  'sdk/GetSyncSourceMetaEnvelope',
  'sdk/GlobalErrorSubscribersRequest',
  'sdk/GlobalErrorSubscribersResponse',
  'sdk/JobResponseEnvelope',
  'sdk/JsonschemaSchema',
  'sdk/ListBulkSchemaEnvelope',
  'sdk/ListBulkSyncExecutionsEnvelope',
  'sdk/ListBulkSyncExecutionsStatusEnvelope',
  'sdk/ListExecutionResponseEnvelope',
  'sdk/ListPoliciesResponseEnvelope',
  'sdk/ListSyncResponseEnvelope',
  'sdk/ListUsersEnvelope',
  'sdk/ModelFieldResponse',
  'sdk/ModelListResponseEnvelope',
  'sdk/ModelResponseEnvelope',
  'sdk/ModelSampleResponseEnvelope',
  'sdk/OrganizationEnvelope',
  'sdk/OrganizationsEnvelope',
  'sdk/PartnerCreateSharedConnectionRequestSchema',
  'sdk/PolicyResponseEnvelope',
  'sdk/QueryResultsEnvelope',
  'sdk/RoleListResponseEnvelope',
  'sdk/RoleResponseEnvelope',
  'sdk/RunQueryEnvelope',
  'sdk/RunQueryRequest',
  'sdk/ScheduleEnvelope',
  'sdk/ScheduleOptionResponseEnvelope',
  'sdk/SchedulesEnvelope',
  'sdk/SchemaRecordsResponseEnvelope',
  'sdk/SetPrimaryKeysRequest',
  'sdk/StartBulkSyncRequest',
  'sdk/StartSyncRequest',
  'sdk/StartSyncResponseEnvelope',
  'sdk/SyncResponseEnvelope',
  'sdk/SyncStatusEnvelope',
  'sdk/TargetObjectsResponseEnvelope',
  'sdk/TargetPropertyValuesEnvelope',
  'sdk/TargetResponseEnvelope',
  'sdk/TestConnectionRequest',
  'sdk/UpdateBulkSyncRequest',
  'sdk/UpdateBulkSyncSchemasEnvelope',
  'sdk/UpdateConnectionRequestSchema',
  'sdk/UpdateModelRequest',
  'sdk/UpdateOrganizationRequestSchema',
  'sdk/UpdateSyncRequest',
  'sdk/UpdateUserRequestSchema',
  'sdk/UpdateWebhooksSchema',
  'sdk/UpsertSchemaFieldRequest',
  'sdk/UserEnvelope',
  'sdk/WebhookEnvelope',
  'sdk/WebhookListEnvelope',
  'sdk/bulkSync.CreateScheduleRequest',
  'sdk/bulkSync.UpdateBulkSchema',
  'sdk/bulkSync.UpdateBulkSyncSchemasRequest',
  'sdk/bulkSync.UpdateScheduleRequest',
  'sdk/permissions.CreatePolicyRequest',
  'sdk/permissions.CreateRoleRequest',
  'sdk/permissions.UpdatePolicyRequest',
  'sdk/permissions.UpdateRoleRequest',
];

/** The SDK schema names each version folder holds (harness/schema/files.ts checks the folders against it). */
export const SDK_SCHEMA_NAMES: Readonly<Record<string, readonly SdkSchemaName[]>> = {
  '2022-12-12': NAMES_2022_12_12,
  '2023-04-25': NAMES_2022_12_12,
  '2024-02-08': NAMES_2022_12_12,
  '2025-09-18': NAMES_2025_09_18,
};

/** A schema made from an SDK type by scripts/sdk-schemas.ts: `sdk/<Type>`. */
export type SdkSchemaName =
  | 'sdk/ActivateSyncEnvelope'
  | 'sdk/ActivateSyncInput'
  | 'sdk/ApiKeyResponseEnvelope'
  | 'sdk/ApiRequest'
  | 'sdk/BulkSchemaEnvelope'
  | 'sdk/BulkSyncDestEnvelope'
  | 'sdk/BulkSyncExecutionEnvelope'
  | 'sdk/BulkSyncExecutionLogsEnvelope'
  | 'sdk/BulkSyncListEnvelope'
  | 'sdk/BulkSyncResponseEnvelope'
  | 'sdk/BulkSyncSourceEnvelope'
  | 'sdk/BulkSyncSourceSchemaEnvelope'
  | 'sdk/BulkSyncSourceStatusEnvelope'
  | 'sdk/BulkSyncStatusEnvelope'
  | 'sdk/CancelBulkSyncResponseEnvelope'
  | 'sdk/CancelModelSyncResponseEnvelope'
  | 'sdk/CancelSyncExecutionResponseEnvelope'
  | 'sdk/CancelSyncResponseEnvelope'
  | 'sdk/ConnectCardRequest'
  | 'sdk/ConnectCardResponseEnvelope'
  | 'sdk/ConnectionListResponseEnvelope'
  | 'sdk/ConnectionParameterValuesResponseEnvelope'
  | 'sdk/ConnectionResponseEnvelope'
  | 'sdk/ConnectionTypeResponseEnvelope'
  | 'sdk/CreateBulkSyncRequest'
  | 'sdk/CreateConnectionRequestSchema'
  | 'sdk/CreateConnectionResponseEnvelope'
  | 'sdk/CreateModelRequest'
  | 'sdk/CreateModelSyncRequest'
  | 'sdk/CreateOrganizationRequestSchema'
  | 'sdk/CreateSharedConnectionResponseEnvelope'
  | 'sdk/CreateSyncRequest'
  | 'sdk/CreateUserRequestSchema'
  | 'sdk/CreateWebhooksSchema'
  | 'sdk/CurrentOrgCreateUserRequestSchema'
  | 'sdk/CurrentOrgUpdateUserRequestSchema'
  | 'sdk/EnrichmentInputFieldsRequest'
  | 'sdk/EntityResponseEnvelope'
  | 'sdk/EventTypesEnvelope'
  | 'sdk/EventsEnvelope'
  | 'sdk/ExecuteConnectionProxyEnvelope'
  | 'sdk/ExecuteConnectionProxyRequest'
  | 'sdk/ExecutionConsoleLogsResponseEnvelope'
  | 'sdk/ExecutionLogsResponseEnvelope'
  | 'sdk/ExportSyncLogsEnvelope'
  | 'sdk/GetConnectionMetaEnvelope'
  | 'sdk/GetConnectionProxyInfoEnvelope'
  | 'sdk/GetConnectionTypeParameterValuesRequestSchema'
  | 'sdk/GetEnrichmentInputFieldsRequest'
  | 'sdk/GetEnrichmentInputFieldsResponseEnvelope'
  | 'sdk/GetExecutionResponseEnvelope'
  | 'sdk/GetIdentityResponseEnvelope'
  | 'sdk/GetModelSyncSourceMetaEnvelope'
  | 'sdk/GetSyncSourceMetaEnvelope'
  | 'sdk/GlobalErrorSubscribersRequest'
  | 'sdk/GlobalErrorSubscribersResponse'
  | 'sdk/JobResponseEnvelope'
  | 'sdk/JsonschemaSchema'
  | 'sdk/ListBulkSchema'
  | 'sdk/ListBulkSchemaEnvelope'
  | 'sdk/ListBulkSyncExecutionStatusEnvelope'
  | 'sdk/ListBulkSyncExecutionsEnvelope'
  | 'sdk/ListBulkSyncExecutionsStatusEnvelope'
  | 'sdk/ListExecutionResponseEnvelope'
  | 'sdk/ListModelSyncResponseEnvelope'
  | 'sdk/ListPoliciesResponseEnvelope'
  | 'sdk/ListSyncResponseEnvelope'
  | 'sdk/ListUsersEnvelope'
  | 'sdk/ModelFieldResponse'
  | 'sdk/ModelListResponseEnvelope'
  | 'sdk/ModelResponseEnvelope'
  | 'sdk/ModelSampleResponseEnvelope'
  | 'sdk/ModelSyncResponseEnvelope'
  | 'sdk/OrganizationEnvelope'
  | 'sdk/OrganizationsEnvelope'
  | 'sdk/PartnerCreateSharedConnectionRequestSchema'
  | 'sdk/PolicyResponseEnvelope'
  | 'sdk/QueryResultsEnvelope'
  | 'sdk/RoleListResponseEnvelope'
  | 'sdk/RoleResponseEnvelope'
  | 'sdk/RunQueryEnvelope'
  | 'sdk/RunQueryRequest'
  | 'sdk/ScheduleEnvelope'
  | 'sdk/ScheduleOptionResponseEnvelope'
  | 'sdk/SchedulesEnvelope'
  | 'sdk/SchemaRecordsResponseEnvelope'
  | 'sdk/SetPrimaryKeysRequest'
  | 'sdk/StartBulkSyncRequest'
  | 'sdk/StartModelSyncRequest'
  | 'sdk/StartModelSyncResponseEnvelope'
  | 'sdk/StartSyncRequest'
  | 'sdk/StartSyncResponseEnvelope'
  | 'sdk/SyncResponseEnvelope'
  | 'sdk/SyncStatusEnvelope'
  | 'sdk/TargetObjectsResponseEnvelope'
  | 'sdk/TargetPropertyValuesEnvelope'
  | 'sdk/TargetResponseEnvelope'
  | 'sdk/TestConnectionRequest'
  | 'sdk/UpdateBulkSyncRequest'
  | 'sdk/UpdateBulkSyncSchemasEnvelope'
  | 'sdk/UpdateConnectionRequestSchema'
  | 'sdk/UpdateModelRequest'
  | 'sdk/UpdateModelSyncRequest'
  | 'sdk/UpdateOrganizationRequestSchema'
  | 'sdk/UpdateSyncRequest'
  | 'sdk/UpdateUserRequestSchema'
  | 'sdk/UpdateWebhooksSchema'
  | 'sdk/UpsertSchemaFieldRequest'
  | 'sdk/UserEnvelope'
  | 'sdk/V2CreateSharedConnectionResponseEnvelope'
  | 'sdk/V2GetEnrichmentInputFieldsResponseEnvelope'
  | 'sdk/V4BulkSyncExecutionLogsEnvelope'
  | 'sdk/V4ExportSyncLogsEnvelope'
  | 'sdk/V4GlobalErrorSubscribersRequest'
  | 'sdk/V4GlobalErrorSubscribersResponse'
  | 'sdk/V4QueryResultsEnvelope'
  | 'sdk/V4RunQueryEnvelope'
  | 'sdk/V4RunQueryRequest'
  | 'sdk/V4TargetObjectsResponseEnvelope'
  | 'sdk/V4TargetPropertyValuesEnvelope'
  | 'sdk/WebhookEnvelope'
  | 'sdk/WebhookListEnvelope'
  | 'sdk/bulkSync.BulkSyncSchemasRequest'
  | 'sdk/bulkSync.CreateScheduleRequest'
  | 'sdk/bulkSync.UpdateBulkSchema'
  | 'sdk/bulkSync.UpdateBulkSyncSchemasRequest'
  | 'sdk/bulkSync.UpdateScheduleRequest'
  | 'sdk/modelSync.UpdateExecutionRequest'
  | 'sdk/permissions.CreatePolicyRequest'
  | 'sdk/permissions.CreateRoleRequest'
  | 'sdk/permissions.UpdatePolicyRequest'
  | 'sdk/permissions.UpdateRoleRequest';
