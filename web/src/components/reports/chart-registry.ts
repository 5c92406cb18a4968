// The part of Chart.js the reports page draws with (bars and lines on category and linear axes,
// tooltips, legends), registered once. Imported only through ChartCanvas's dynamic import, so
// the editor's first load carries none of it (docs/decisions.md, "Charts").
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js'

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend)
// Canvas text takes no CSS: the page's font stack (with its CJK fonts) is handed over, so Chinese labels draw in the same face.
Chart.defaults.font.family = getComputedStyle(document.body).fontFamily
Chart.defaults.color = '#64708a'

export { Chart }
