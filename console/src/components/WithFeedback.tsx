// Ant Design's App (message, modal.confirm) for the pages that act; kept out of the first screen's bundle.
import { App as AntApp } from 'antd';
import type { ComponentType } from 'react';

export function withFeedback<P extends object>(Page: ComponentType<P>) {
  return function WithFeedback(props: P) {
    return (
      <AntApp component={false}>
        <Page {...props} />
      </AntApp>
    );
  };
}
