export {
  House, UserFilled, User, HomeFilled, Setting, MapLocation, Avatar, Lock, Document, Key, Bell, Tickets, Connection,
  Warning, Phone, Reading, PieChart, DataLine, Notebook, VideoPlay, Calendar, Flag, Medal,
} from '@element-plus/icons-vue'
export { ChatDotRound, DataBoard } from '@element-plus/icons-vue'
