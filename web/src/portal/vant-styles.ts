// Only the Vant styles the portal uses, imported one by one: the full Vant stylesheet, and above
// all its icon font (45 KB, with a fallback URL on a third-party host), are left out. The few
// icons Vant draws itself come from icons.css.
import 'vant/es/style/base.css'
import 'vant/es/cell/index.css'
import 'vant/es/cell-group/index.css'
import 'vant/es/field/index.css'
import 'vant/es/button/index.css'
import 'vant/es/loading/index.css'
import 'vant/es/overlay/index.css'
import 'vant/es/popup/index.css'
import 'vant/es/picker/index.css'
import 'vant/es/switch/index.css'
import 'vant/es/tag/index.css'
import 'vant/es/progress/index.css'
import './icons.css'
