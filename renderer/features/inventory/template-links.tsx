import { buildInventoryTemplateCsv, buildInventoryTemplateXlsx } from '../../../core/inventory/template';
import { downloadFile } from './download-file';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * "Download template": the native inventory template built by core, saved through a Blob download
 * (no host channel needed). The XLSX documents every column on its "Columns" sheet.
 */
export function TemplateLinks({ compact = false }: { compact?: boolean }) {
  return (
    <span className={compact ? 'inventory__template inventory__template--compact' : 'inventory__template'}>
      <button
        type="button"
        className="link"
        title="The inventory template with example rows; its Columns sheet explains each column"
        onClick={() => downloadFile('inventory-template.xlsx', buildInventoryTemplateXlsx(), XLSX_TYPE)}
        data-testid="download-template"
      >
        {compact ? 'Template' : 'Download template (.xlsx)'}
      </button>
      {!compact && (
        <>
          {' · '}
          <button
            type="button"
            className="link"
            onClick={() => downloadFile('inventory-template.csv', buildInventoryTemplateCsv(), 'text/csv')}
            data-testid="download-template-csv"
          >
            .csv
          </button>
        </>
      )}
    </span>
  );
}
