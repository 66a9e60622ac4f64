// Power BI lifecycle only: everything else is delegated (see app.ts).
import powerbi from 'powerbi-visuals-api';
import '../style/visual.less';
import { PlannedAssessmentsApp } from './app';
import { RenderingCoordinator } from './lifecycle';

import IVisual = powerbi.extensibility.visual.IVisual;
import VisualConstructorOptions = powerbi.extensibility.visual.VisualConstructorOptions;
import VisualUpdateOptions = powerbi.extensibility.visual.VisualUpdateOptions;

export class Visual implements IVisual {
  private readonly app: PlannedAssessmentsApp;
  private readonly lifecycle: RenderingCoordinator;

  constructor(options?: VisualConstructorOptions) {
    const element = options?.element ?? document.createElement('div');
    this.app = new PlannedAssessmentsApp(element, options?.host);
    this.lifecycle = new RenderingCoordinator(() => options?.host?.eventService);
  }

  public update(options: VisualUpdateOptions): void {
    this.lifecycle.run(options, (current) => this.app.update(current));
  }

  public getFormattingModel(): powerbi.visuals.FormattingModel {
    return this.app.formattingModel();
  }

  public destroy(): void {
    this.app.destroy();
  }
}
