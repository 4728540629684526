// Catches what a page throws while rendering (including a failed suspense query) and shows it with a retry,
// instead of a blank screen. Navigating elsewhere clears it.
import { Component, type ReactNode } from 'react';
import { ErrorAlert } from '../components/error-alert.tsx';

type Props = { children: ReactNode; resetKey: string; onReset?: () => void };
type State = { error: unknown; resetKey: string };

export class RouteErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override render() {
    if (this.state.error) {
      return <ErrorAlert error={this.state.error} onRetry={() => {
            this.props.onReset?.();
            this.setState({ error: null });
          }} />;
    }
    return this.props.children;
  }
}
