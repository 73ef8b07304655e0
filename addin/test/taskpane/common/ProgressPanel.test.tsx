/** @jest-environment jsdom */
import { fireEvent, screen } from '@testing-library/react';
import { ProgressPanel } from '../../../src/taskpane/common/ProgressPanel';
import { renderWithApp } from './renderWithApp';

describe('ProgressPanel', () => {
  it('shows rows done of the total, formatted per language, and a determinate bar', () => {
    const view = renderWithApp(<ProgressPanel label="正在检查价格" done={1200} total={3306} />, {
      workbook: null,
    });
    expect(screen.getByTestId('progress-counts').textContent).toBe('已处理 1,200 / 3,306 行');
    const bar = screen.getByRole('progressbar');
    expect(Number(bar.getAttribute('aria-valuenow'))).toBeCloseTo(1200 / 3306, 5);
    expect(screen.queryByTestId('progress-cancel')).toBeNull();
    view.unmount();
    renderWithApp(<ProgressPanel label="Checking prices" done={1200} total={3306} />, {
      workbook: null,
      locale: 'en-US',
    });
    expect(screen.getByTestId('progress-counts').textContent).toBe('1,200 of 3,306 rows');
  });

  it('wires Cancel to an AbortController, and disables it while cancelling', () => {
    const controller = new AbortController();
    const view = renderWithApp(
      <ProgressPanel label="x" done={0} total={10} onCancel={() => controller.abort()} />,
      {
        workbook: null,
      },
    );
    fireEvent.click(screen.getByTestId('progress-cancel'));
    expect(controller.signal.aborted).toBe(true);
    view.unmount();
    renderWithApp(<ProgressPanel label="x" done={3} total={10} onCancel={() => undefined} cancelling />, {
      workbook: null,
    });
    const cancel = screen.getByTestId('progress-cancel') as HTMLButtonElement;
    expect(cancel.disabled).toBe(true);
    expect(cancel.textContent).toBe('正在取消…');
  });
});
