export {
  House, UserFilled, User, HomeFilled, Setting, MapLocation, Avatar, Lock, Document, Key, Bell, Tickets, Connection,
} from '@element-plus/icons-vue'
