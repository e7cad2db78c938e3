import { Component, type ErrorInfo, type ReactNode } from 'react';

interface ErrorBoundaryProps {
  /** What failed, in words: "the volume chart". */
  label: string;
  children: ReactNode;
  /** Try rendering again after this long; a wall has nobody to press reload. */
  retryAfterMs?: number;
}

interface ErrorBoundaryState {
  error: Error | null;
}

/** Keeps one broken panel from blanking the whole page. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  static getDerivedStateFromError(error: Error): ErrorBoundaryState {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.label} failed`, error, info.componentStack);
    const retryAfter = this.props.retryAfterMs ?? 30_000;
    this.retryTimer = setTimeout(() => this.setState({ error: null }), retryAfter);
  }

  override componentWillUnmount(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  override render(): ReactNode {
    if (this.state.error) {
      return (
        <p className="error-message" role="alert">
          <span aria-hidden="true">⚠ </span>
          Could not show {this.props.label}: {this.state.error.message}. Trying again shortly.
        </p>
      );
    }
    return this.props.children;
  }
}
