export {
  House, UserFilled, User, HomeFilled, Setting, MapLocation, Avatar, Lock, Document, Key, Bell, Tickets, Connection,
  Warning, Phone,
} from '@element-plus/icons-vue'
