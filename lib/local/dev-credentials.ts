// The dev app every local runtime creates (CONTRACT section 10). Local only: never valid on a deployed stage.
export const DEV_APP_ID = 'dev_app_local';
export const DEV_APP_SECRET = 'dev_secret_local_do_not_use_in_production';
